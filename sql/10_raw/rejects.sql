-- Grain: one row per (path, reason) refused: unreadable, not an article, outside
-- the inbox. Files with a hash are also in raw.files (status rejected) and are not
-- retried; files that could not be read at all are retried every run. Refusals at
-- discovery (stage 'discover': a symlink out of the inbox, a named pipe, an
-- unsupported name) keep the path's lstat size and mtime: a later run that finds
-- the same path unchanged knows it is refused already and does not count it again.
create table if not exists raw.rejects (
    path varchar not null,
    sha256 varchar,
    stage varchar,
    reason varchar not null,
    first_run_id varchar not null,
    last_run_id varchar not null,
    size_bytes bigint,
    mtime_ns bigint,
    primary key (path, reason),
);

-- Warehouses created before discovery refusals were remembered: add the lstat columns.
alter table raw.rejects add column if not exists size_bytes bigint;

alter table raw.rejects add column if not exists mtime_ns bigint;
