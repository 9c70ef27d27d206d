-- One row per article_id (the table has no primary key: see sql/10_raw/article_batches.sql).
select article_id, count(*) as count_rows
from raw.article_batches
group by all
having count(*) > 1;
