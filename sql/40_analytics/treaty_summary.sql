-- Grain: one row per treaty mentioned in at least one article.
create or replace view analytics.treaty_summary as
with country_ranks as (
    select
        article_treaties.treaty_id,
        countries.country_name,
        count(distinct article_countries.article_id) as count_articles,
    from marts.article_treaties as article_treaties
    inner join marts.article_countries as article_countries using (article_id)
    inner join staging.countries as countries using (country_code)
    group by all
),

top_countries as (
    select
        treaty_id,
        list(country_name order by count_articles desc, country_name)[1:5] as top_countries,
    from country_ranks
    group by treaty_id
),

speakers_per_treaty as (
    select
        treaty_id,
        count(distinct speaker_id) as count_speakers,
    from marts.quote_treaties
    group by treaty_id
),

per_treaty as (
    select
        treaty_id,
        count(distinct article_id) as count_articles,
        sum(count_mentions) as count_mentions,
        sum(count_quotes) as count_quotes,
        min(reported_on) as first_seen_on,
        max(reported_on) as last_seen_on,
    from marts.article_treaties
    group by treaty_id
)

select
    treaties.treaty_name,
    treaties.short_name,
    per_treaty.count_articles,
    per_treaty.count_mentions,
    per_treaty.count_quotes,
    coalesce(speakers_per_treaty.count_speakers, 0) as count_speakers,
    coalesce(top_countries.top_countries, []) as top_countries,
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
order by per_treaty.count_articles desc, per_treaty.count_mentions desc, treaties.treaty_name;

comment on view analytics.treaty_summary is 'One row per treaty mentioned in any article: how often, in how many articles and quotes, by how many speakers, with the countries most often discussed alongside it. Discovered treaties the catalogue lacks have is_catalogued = false.';
comment on column analytics.treaty_summary.count_mentions is 'Mentions in article bodies, pronominal "the treaty" included when one treaty is in focus.';
comment on column analytics.treaty_summary.count_quotes is 'Direct quotes whose text mentions the treaty.';
comment on column analytics.treaty_summary.top_countries is 'Up to five countries most often mentioned in the same articles.';
comment on column analytics.treaty_summary.first_seen_on is 'Earliest published date (else ingest date) of an article mentioning it.';
