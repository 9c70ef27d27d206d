-- Parquet lineage. Grain: one row per loaded article: the load batch whose Parquet
-- files (raw.parquet_files.batch_id) hold its rows, so re-parsing rewrites exactly
-- those files. Written in the transaction that loads (or re-derives) the article.
-- No primary key (why: flows/warehouse.py, UNKEYED): the loads keep article_id unique
-- and sql/checks/assert_article_batches__unique.sql asserts it.
create table if not exists raw.article_batches (
    article_id varchar not null,
    batch_id varchar not null,
);
