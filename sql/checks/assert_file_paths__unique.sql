-- One row per path (the table has no primary key: see sql/10_raw/file_paths.sql).
select path, count(*) as count_rows
from raw.file_paths
group by all
having count(*) > 1;
