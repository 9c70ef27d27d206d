-- Grain: one row per speaker (speaker_id is stable across articles). Name, kind, role
-- and country are the values most articles give (ties to the alphabetically first,
-- so a rebuild never flips them; mode() breaks ties arbitrarily); the quote
-- statistics are what analytics.speaker_summary shows, computed here once per load.
create or replace table marts.speakers as
with per_article as (
    select
        *,
        count(*) over (partition by speaker_id, speaker_name) as count_name,
        count(*) over (partition by speaker_id, speaker_kind) as count_kind,
        count(*) over (partition by speaker_id, role) as count_role,
        count(*) over (partition by speaker_id, country_code) as count_country,
    from staging.speakers
),

merged as (
    select
        speaker_id,
        first(speaker_name order by speaker_name is null, count_name desc, speaker_name) as speaker_name,
        first(speaker_kind order by speaker_kind is null, count_kind desc, speaker_kind) as speaker_kind,
        first(role order by role is null, count_role desc, role) as role,
        first(country_code order by country_code is null, count_country desc, country_code) as country_code,
        count(distinct article_id) as count_articles,
    from per_article
    group by speaker_id
),

quote_stats as (
    select
        quotes.speaker_id,
        count(*) as count_quotes,
        coalesce(sum(quotes.count_words), 0) as count_words_quoted,
        count(distinct quotes.article_id) as count_articles_quoted,
        min(articles.reported_on) as first_quoted_on,
        max(articles.reported_on) as last_quoted_on,
    from staging.quotes as quotes
    inner join staging.articles as articles using (article_id)
    where quotes.speaker_id is not null
    group by quotes.speaker_id
),

treaties_quoted as (
    select
        quotes.speaker_id,
        treaties.treaty_name,
        count(*) as count_quotes,
    from staging.quote_treaties as quote_treaties
    inner join staging.quotes as quotes using (article_id, quote_index)
    inner join staging.treaties as treaties using (treaty_id)
    where quotes.speaker_id is not null
    group by quotes.speaker_id, treaties.treaty_name
),

treaty_lists as (
    select
        speaker_id,
        list(treaty_name order by count_quotes desc, treaty_name) as treaty_names,
    from treaties_quoted
    group by speaker_id
)

select
    merged.speaker_id,
    merged.speaker_name,
    merged.speaker_kind,
    merged.role,
    merged.country_code,
    countries.country_name,
    merged.count_articles,
    coalesce(quote_stats.count_quotes, 0) as count_quotes,
    coalesce(quote_stats.count_words_quoted, 0) as count_words_quoted,
    coalesce(quote_stats.count_articles_quoted, 0) as count_articles_quoted,
    quote_stats.first_quoted_on,
    quote_stats.last_quoted_on,
    coalesce(treaty_lists.treaty_names, []) as treaty_names,
from merged
left join staging.countries as countries using (country_code)
left join quote_stats using (speaker_id)
left join treaty_lists using (speaker_id)
order by count_quotes desc, merged.speaker_name, merged.speaker_id;
