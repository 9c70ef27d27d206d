-- Grain: one row per quote x treaty named inside the quote (the quote's treaty_ids
-- array as rows, duplicates dropped), so marts join it instead of unnesting twice.
create or replace view staging.quote_treaties as
with source as (
    select * from raw.quotes
),

unnested as (
    select
        article_id,
        quote_index,
        unnest(treaty_ids) as treaty_id,
    from source
),

renamed as (
    select distinct
        article_id,
        quote_index,
        treaty_id,
    from unnested
)

select * from renamed;
