-- Grain: one row per article. Adds reported_on: the published date when the page
-- gave one, else the ingest date (what timelines use), and has_published_date to
-- tell the two apart.
create or replace view staging.articles as
with source as (
    select * from raw.articles
),

renamed as (
    select
        article_id,
        path,
        format,
        headline,
        publisher,
        dateline_place,
        dateline_country as dateline_country_code,
        dateline_agency,
        published_on,
        ingest_date,
        coalesce(published_on, ingest_date) as reported_on,
        published_on is not null as has_published_date,
        count_paragraphs,
        count_words,
        parser_version,
        run_id,
    from source
)

select * from renamed;
