-- The manifest. Grain: one row per distinct file content (sha256). A file is new
-- when its hash is not here; written in the same transaction as its data rows.
-- Uniqueness of sha256 is asserted by sql/checks/assert_files__unique.sql rather than
-- a primary key: DuckDB holds an index in memory and cannot evict it, so a key index
-- grew the flow process with the warehouse (36 MB at 93k files for the four keys) and
-- ran a 64MB memory limit out of memory. Loads keep it unique by anti-joins.
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
