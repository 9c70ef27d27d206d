-- Grain: one row per treaty mentioned in at least one article: the figures of
-- analytics.treaty_summary, with the countries and speakers most often found with it.
create or replace table marts.treaties as
with per_treaty as (
    select
        treaty_id,
        count(*) as count_articles,
        sum(count_mentions) as count_mentions,
        sum(count_quotes) as count_quotes,
        min(reported_on) as first_seen_on,
        max(reported_on) as last_seen_on,
    from marts.article_treaties
    group by treaty_id
),

speakers_per_treaty as (
    select
        treaty_id,
        count(distinct speaker_id) as count_speakers,
    from marts.quote_treaties
    group by treaty_id
),

top_countries as (
    select
        treaty_id,
        count(*) as count_countries,
        list(country_name order by count_articles desc, count_country_mentions desc, country_name)[1:5] as top_countries,
    from marts.treaty_countries
    group by treaty_id
),

top_speakers as (
    select
        treaty_id,
        list(speaker_name order by count_quotes desc, speaker_name)[1:5] as top_speakers,
    from marts.speaker_treaties
    group by treaty_id
)

select
    treaties.treaty_name,
    treaties.short_name,
    per_treaty.count_articles,
    per_treaty.count_mentions,
    per_treaty.count_quotes,
    coalesce(speakers_per_treaty.count_speakers, 0) as count_speakers,
    coalesce(top_countries.count_countries, 0) as count_countries,
    coalesce(top_countries.top_countries, []) as top_countries,
    coalesce(top_speakers.top_speakers, []) as top_speakers,
    per_treaty.first_seen_on,
    per_treaty.last_seen_on,
    treaties.category,
    treaties.year as year_signed,
    treaties.is_catalogued,
    per_treaty.treaty_id,
from per_treaty
inner join staging.treaties as treaties using (treaty_id)
left join speakers_per_treaty using (treaty_id)
left join top_countries using (treaty_id)
left join top_speakers using (treaty_id)
order by per_treaty.count_articles desc, per_treaty.count_mentions desc, treaties.treaty_name;
