-- No quote is loaded twice.
select article_id, quote_index, count(*) as count_rows
from raw.quotes
group by all
having count(*) > 1;
