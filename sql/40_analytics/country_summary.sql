-- Grain: one row per country mentioned in at least one article.
create or replace view analytics.country_summary as
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

speakers_from as (
    select
        country_code,
        count(*) as count_speakers,
    from marts.speakers
    group by country_code
),

treaty_ranks as (
    select
        article_countries.country_code,
        treaties.treaty_name,
        count(*) as count_articles,
    from marts.article_countries as article_countries
    inner join marts.article_treaties as article_treaties using (article_id)
    inner join staging.treaties as treaties using (treaty_id)
    group by all
),

top_treaties as (
    select
        country_code,
        list(treaty_name order by count_articles desc, treaty_name)[1:5] as top_treaties,
    from treaty_ranks
    group by country_code
)

select
    coalesce(countries.country_name, per_country.country_code) as country_name,
    per_country.country_code,
    per_country.count_articles,
    per_country.count_mentions,
    per_country.count_mentions_in_quotes,
    coalesce(speakers_from.count_speakers, 0) as count_speakers,
    coalesce(top_treaties.top_treaties, []) as top_treaties,
    per_country.first_seen_on,
    per_country.last_seen_on,
from per_country
left join staging.countries as countries using (country_code)
left join speakers_from using (country_code)
left join top_treaties using (country_code)
order by per_country.count_mentions desc, per_country.count_articles desc, country_name;

comment on view analytics.country_summary is 'One row per country mentioned in any article (names, demonyms, capitals and seats of power such as "the Kremlin" all count): mentions, articles, mentions inside quotes, speakers from the country and the treaties most discussed alongside it.';
comment on column analytics.country_summary.count_mentions_in_quotes is 'Mentions that fall inside a direct quote.';
comment on column analytics.country_summary.count_speakers is 'Distinct quoted speakers whose country this is.';
comment on column analytics.country_summary.top_treaties is 'Up to five treaties most often mentioned in the same articles.';
