-- Grain: one row per run that committed a change to rows the derived layers or the
-- checks read (a batch load, a re-derived batch, backfilled lineage), written by
-- the run's first such transaction, inside it. A run rebuilds after its last
-- change, so a rebuild (the builds table records how many rows it saw) covers
-- every change when no row has been added since: a run that changed nothing then
-- leaves staging, marts and analytics (and their checks) as they are, while one
-- killed after a load and before its rebuild leaves a row no rebuild covered.
-- first_change: what the run's first change was (load, reparse or lineage).
create table if not exists raw.changes (
    run_id varchar primary key,
    first_change varchar not null,
    changed_at timestamptz not null default current_timestamp,
);
