-- One row per sha256 (the table has no primary key: see sql/10_raw/files.sql).
select sha256, count(*) as count_rows
from raw.files
group by all
having count(*) > 1;
