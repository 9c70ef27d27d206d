-- Grain: one row per direct quote.
create or replace view staging.quotes as
with source as (
    select * from raw.quotes
),

renamed as (
    select
        article_id,
        quote_index,
        paragraph,
        text as quote_text,
        speaker_id,
        speaker_name as speaker_surface,
        cue,
        is_partial,
        method as attribution_method,
        treaty_ids,
        country_codes,
        count_words,
    from source
)

select * from renamed;
