-- The stat fast path. Grain: one row per inbox path (relative to the inbox): the
-- size and mtime last seen and the content hash they had, so unchanged files are
-- not re-read.
-- No primary key (why: flows/warehouse.py, UNKEYED): the loads keep path unique
-- and sql/checks/assert_file_paths__unique.sql asserts it.
create table if not exists raw.file_paths (
    path varchar not null,
    size_bytes bigint,
    mtime_ns bigint,
    sha256 varchar not null,
    last_run_id varchar not null,
);
