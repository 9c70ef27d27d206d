-- Grain: one row per loaded article (distinct file content).
-- No primary key (why: flows/warehouse.py, UNKEYED): the loads keep article_id unique
-- and sql/checks/assert_articles__unique.sql asserts it.
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
