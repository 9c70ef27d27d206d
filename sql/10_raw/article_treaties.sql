-- Grain: one row per article x treaty mentioned (catalogued or discovered).
-- Uniqueness is asserted by sql/checks rather than a primary key: an index over
-- millions of child rows costs memory on every load for no query benefit.
create table if not exists raw.article_treaties (
    article_id varchar not null,
    treaty_id varchar not null,
    name varchar,
    short_name varchar,
    category varchar,
    year integer,
    is_catalogued boolean,
    count_mentions integer,
    parser_version varchar not null,
    run_id varchar not null,
    ingest_date date not null,
);
