-- Grain: one row per committed transaction that changed rows the derived layers
-- or the checks read (a batch load, a re-derived batch, backfilled lineage),
-- written in that same transaction. Each rebuild (the builds table) records how
-- many there were, so a run that changed nothing since the last rebuild of staging,
-- marts and analytics leaves them (and their checks) as they are.
create table if not exists raw.changes (
    run_id varchar,
    kind varchar not null,
    changed_at timestamptz not null default current_timestamp,
);
