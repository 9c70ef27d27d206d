-- Grain: one row per Parquet file of the dataset, recorded in the load transaction;
-- a file on disk that is not here is an orphan of a crashed run and is swept.
create table if not exists raw.parquet_files (
    parquet_path varchar primary key,
    table_name varchar not null,
    count_rows integer not null,
    run_id varchar not null,
);
