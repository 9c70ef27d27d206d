-- Grain: one row per (path, reason) refused: unreadable, not an article, outside
-- the inbox. Files with a hash are also in raw.files (status rejected) and are not
-- retried; files that could not be read at all are retried every run.
create table if not exists raw.rejects (
    path varchar not null,
    sha256 varchar,
    stage varchar,
    reason varchar not null,
    first_run_id varchar not null,
    last_run_id varchar not null,
    primary key (path, reason),
);
