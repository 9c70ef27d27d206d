-- The stat fast path. Grain: one row per inbox path (relative to the inbox): the
-- size and mtime last seen and the content hash they had, so unchanged files are
-- not re-read.
create table if not exists raw.file_paths (
    path varchar primary key,
    size_bytes bigint,
    mtime_ns bigint,
    sha256 varchar not null,
    last_run_id varchar not null,
);
