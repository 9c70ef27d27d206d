-- Grain: one row per speaker (speaker_id is stable across articles). Name, role and
-- country are the values most articles give.
create or replace table marts.speakers as
with per_article as (
    select * from staging.speakers
),

merged as (
    select
        speaker_id,
        mode(speaker_name) as speaker_name,
        mode(speaker_kind) as speaker_kind,
        mode(role) as role,
        mode(country_code) as country_code,
        count(distinct article_id) as count_articles,
    from per_article
    group by speaker_id
)

select
    merged.*,
    countries.country_name,
from merged
left join staging.countries as countries using (country_code);
