-- Grain: one row per country mentioned in at least one article: the figures of
-- analytics.country_summary, with the treaties most often discussed alongside it.
create or replace table marts.countries as
with per_country as (
    select
        country_code,
        count(*) as count_articles,
        sum(count_mentions) as count_mentions,
        sum(count_mentions_in_quotes) as count_mentions_in_quotes,
        min(reported_on) as first_seen_on,
        max(reported_on) as last_seen_on,
    from marts.article_countries
    group by country_code
),

quoted_speakers_from as (
    select
        country_code,
        count(*) as count_speakers,
    from marts.speakers
    where count_quotes > 0
    group by country_code
),

top_treaties as (
    select
        country_code,
        count(*) as count_treaties,
        list(treaty_name order by count_articles desc, count_treaty_mentions desc, treaty_name)[1:5] as top_treaties,
    from marts.treaty_countries
    group by country_code
)

select
    coalesce(countries.country_name, per_country.country_code) as country_name,
    per_country.country_code,
    per_country.count_articles,
    per_country.count_mentions,
    per_country.count_mentions_in_quotes,
    coalesce(quoted_speakers_from.count_speakers, 0) as count_speakers,
    coalesce(top_treaties.count_treaties, 0) as count_treaties,
    coalesce(top_treaties.top_treaties, []) as top_treaties,
    per_country.first_seen_on,
    per_country.last_seen_on,
from per_country
left join staging.countries as countries using (country_code)
left join quoted_speakers_from using (country_code)
left join top_treaties using (country_code)
order by per_country.count_mentions desc, per_country.count_articles desc, country_name;
