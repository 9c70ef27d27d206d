-- Grain: one row per loaded article (distinct file content).
-- Uniqueness of article_id is asserted by sql/checks/assert_articles__unique.sql rather than
-- a primary key: DuckDB holds an index in memory and cannot evict it, so a key index
-- grew the flow process with the warehouse (36 MB at 93k files for the four keys) and
-- ran a 64MB memory limit out of memory. Loads keep it unique by anti-joins.
create table if not exists raw.articles (
    article_id varchar not null,
    path varchar not null,
    format varchar not null,
    headline varchar,
    publisher varchar,
    dateline_place varchar,
    dateline_country varchar,
    dateline_agency varchar,
    published_on date,
    url varchar,
    body varchar[],
    captions varchar[],
    count_paragraphs integer,
    count_words integer,
    ingested_at timestamptz,
    parser_version varchar not null,
    run_id varchar not null,
    ingest_date date not null,
);
