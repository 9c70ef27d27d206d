-- Grain: one row per entity mention (kind country or treaty).
create or replace view staging.mentions as
with source as (
    select * from raw.mentions
),

renamed as (
    select
        article_id,
        mention_index,
        kind as entity_kind,
        entity_id,
        surface,
        paragraph,
        is_in_quote,
    from source
)

select * from renamed;
