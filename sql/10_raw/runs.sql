-- Grain: one row per ingest run. count_files_already_rejected: paths refused at
-- discovery by an earlier run and unchanged since (not counted as rejected again).
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
    count_files_already_rejected integer,
);

-- Warehouses created before discovery refusals were remembered.
alter table raw.runs add column if not exists count_files_already_rejected integer;
