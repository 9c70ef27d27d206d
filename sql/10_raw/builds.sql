-- Grain: one row per rebuild of the derived layers (staging, marts, analytics)
-- followed by the checks: the run; the sha256 of what defines them besides the raw
-- rows (their SQL, the checks' SQL, the reference data); how many raw.changes the
-- rebuild covered; how many checks failed. A run may skip the rebuild only when the
-- newest row matches the first two and no check failed: nothing the marts are made
-- of has changed since.
create table if not exists raw.builds (
    run_id varchar not null,
    built_at timestamptz not null,
    definition_sha256 varchar not null,
    count_changes bigint not null,
    count_checks_failed integer not null,
);
