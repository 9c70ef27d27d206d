-- No mention is loaded twice.
select article_id, mention_index, count(*) as count_rows
from raw.mentions
group by all
having count(*) > 1;
