-- The manifest. Grain: one row per distinct file content (sha256). A file is new
-- when its hash is not here; written in the same transaction as its data rows.
-- No primary key (why: flows/warehouse.py, UNKEYED): the loads keep sha256 unique
-- and sql/checks/assert_files__unique.sql asserts it.
create table if not exists raw.files (
    sha256 varchar not null,
    path varchar not null,
    size_bytes bigint,
    status varchar not null,
    stage varchar,
    reason varchar,
    parser_version varchar,
    run_id varchar not null,
    first_seen_at timestamptz not null,
);
