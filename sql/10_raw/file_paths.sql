-- The stat fast path. Grain: one row per inbox path (relative to the inbox): the
-- size and mtime last seen and the content hash they had, so unchanged files are
-- not re-read.
-- Uniqueness of path is asserted by sql/checks/assert_file_paths__unique.sql rather than
-- a primary key: DuckDB holds an index in memory and cannot evict it, so a key index
-- grew the flow process with the warehouse (36 MB at 93k files for the four keys) and
-- ran a 64MB memory limit out of memory. Loads keep it unique by anti-joins.
create table if not exists raw.file_paths (
    path varchar not null,
    size_bytes bigint,
    mtime_ns bigint,
    sha256 varchar not null,
    last_run_id varchar not null,
);
