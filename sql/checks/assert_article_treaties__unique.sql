-- One row per article x treaty.
select article_id, treaty_id, count(*) as count_rows
from raw.article_treaties
group by all
having count(*) > 1;
