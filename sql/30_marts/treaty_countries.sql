-- Grain: one row per treaty x country mentioned in the same article, with the
-- quotes naming the treaty that speakers from that country gave.
create or replace table marts.treaty_countries as
with co_mentions as (
    select
        article_treaties.treaty_id,
        article_countries.country_code,
        count(*) as count_articles,
        sum(article_countries.count_mentions) as count_country_mentions,
        sum(article_treaties.count_mentions) as count_treaty_mentions,
        min(article_treaties.reported_on) as first_seen_on,
        max(article_treaties.reported_on) as last_seen_on,
    from marts.article_treaties as article_treaties
    inner join marts.article_countries as article_countries using (article_id)
    group by article_treaties.treaty_id, article_countries.country_code
),

quotes_by_country_speakers as (
    select
        treaty_id,
        speaker_country_code as country_code,
        count(*) as count_quotes,
    from marts.quote_treaties
    where speaker_country_code is not null
    group by treaty_id, speaker_country_code
)

select
    treaties.treaty_name,
    treaties.short_name as treaty_short_name,
    coalesce(countries.country_name, co_mentions.country_code) as country_name,
    co_mentions.count_articles,
    co_mentions.count_country_mentions,
    co_mentions.count_treaty_mentions,
    coalesce(quotes_by_country_speakers.count_quotes, 0) as count_quotes_by_country_speakers,
    co_mentions.first_seen_on,
    co_mentions.last_seen_on,
    co_mentions.treaty_id,
    co_mentions.country_code,
from co_mentions
inner join staging.treaties as treaties using (treaty_id)
left join staging.countries as countries using (country_code)
left join quotes_by_country_speakers using (treaty_id, country_code)
order by
    co_mentions.count_articles desc,
    co_mentions.count_country_mentions desc,
    treaties.treaty_name,
    country_name;
