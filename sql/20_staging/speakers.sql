-- Grain: one row per article x speaker.
create or replace view staging.speakers as
with source as (
    select * from raw.speakers
),

renamed as (
    select
        article_id,
        speaker_id,
        name as speaker_name,
        kind as speaker_kind,
        role,
        country_code,
    from source
)

select * from renamed;
