-- Grain: one row per ingest run.
create table if not exists raw.runs (
    run_id varchar primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    inbox varchar,
    parser_version varchar,
    status varchar,
    count_files_seen integer,
    count_files_unchanged integer,
    count_files_new integer,
    count_files_loaded integer,
    count_files_duplicate integer,
    count_files_rejected integer,
);
