-- Grain: one row per quote x treaty mentioned inside the quote.
create or replace table marts.quote_treaties as
with exploded as (
    select
        article_id,
        quote_index,
        speaker_id,
        speaker_name,
        quote_text,
        reported_on,
        unnest(treaty_ids) as treaty_id,
    from marts.quotes
)

select distinct * from exploded;
