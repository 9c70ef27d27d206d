-- Grain: one row per direct quote in an article.
-- Uniqueness is asserted by sql/checks rather than a primary key: an index over
-- millions of child rows costs memory on every load for no query benefit.
create table if not exists raw.quotes (
    article_id varchar not null,
    quote_index integer not null,
    paragraph integer,
    start_char integer,
    end_char integer,
    text varchar,
    speaker_id varchar,
    speaker_name varchar,
    cue varchar,
    is_partial boolean,
    method varchar,
    treaty_ids varchar[],
    country_codes varchar[],
    count_words integer,
    parser_version varchar not null,
    run_id varchar not null,
    ingest_date date not null,
);
