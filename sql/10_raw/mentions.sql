-- Grain: one row per entity mention (country or treaty) in an article body.
-- Uniqueness is asserted by sql/checks rather than a primary key: an index over
-- millions of child rows costs memory on every load for no query benefit.
create table if not exists raw.mentions (
    article_id varchar not null,
    mention_index integer not null,
    kind varchar not null,
    entity_id varchar not null,
    surface varchar,
    paragraph integer,
    start_char integer,
    end_char integer,
    is_in_quote boolean,
    parser_version varchar not null,
    run_id varchar not null,
    ingest_date date not null,
);
