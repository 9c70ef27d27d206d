-- Grain: one row per article x speaker (canonical within the article).
-- Uniqueness is asserted by sql/checks rather than a primary key: an index over
-- millions of child rows costs memory on every load for no query benefit.
create table if not exists raw.speakers (
    article_id varchar not null,
    speaker_id varchar not null,
    name varchar,
    kind varchar,
    role varchar,
    country_code varchar,
    parser_version varchar not null,
    run_id varchar not null,
    ingest_date date not null,
);
