-- Parquet lineage. Grain: one row per loaded article: the load batch whose Parquet
-- files (raw.parquet_files.batch_id) hold its rows, so re-parsing rewrites exactly
-- those files. Written in the transaction that loads (or re-derives) the article.
-- Uniqueness of article_id is asserted by sql/checks/assert_article_batches__unique.sql rather than
-- a primary key: DuckDB holds an index in memory and cannot evict it, so a key index
-- grew the flow process with the warehouse (36 MB at 93k files for the four keys) and
-- ran a 64MB memory limit out of memory. Loads keep it unique by anti-joins.
create table if not exists raw.article_batches (
    article_id varchar not null,
    batch_id varchar not null,
);
