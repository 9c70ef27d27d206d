-- Grain: one row per Parquet file of the dataset, recorded in the load transaction;
-- a file on disk that is not here is an orphan of a crashed run and is swept.
-- batch_id (<run_id>-<batch>) names the load batch whose rows the file holds; a
-- file rewritten by a re-parse keeps the batch_id of the rows it kept.
create table if not exists raw.parquet_files (
    parquet_path varchar primary key,
    table_name varchar not null,
    count_rows integer not null,
    run_id varchar not null,
    batch_id varchar,
);

-- Warehouses created before batch_id existed: add it, named after the file stem.
alter table raw.parquet_files add column if not exists batch_id varchar;

update raw.parquet_files
set batch_id = regexp_extract(parquet_path, '([^/]+)\.parquet$', 1)
where batch_id is null;
