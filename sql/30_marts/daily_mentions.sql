-- Grain: one row per day x entity (treaty or country) mentioned that day. The day
-- is the article's published date when known, else its ingest date.
create or replace table marts.daily_mentions as
with treaty_days as (
    select
        article_treaties.reported_on,
        'treaty' as entity_kind,
        article_treaties.treaty_id as entity_id,
        treaties.treaty_name as entity_name,
        coalesce(treaties.short_name, treaties.treaty_name) as entity_short_name,
        count(*) as count_articles,
        sum(article_treaties.count_mentions) as count_mentions,
        count(*) filter (where not article_treaties.has_published_date) as count_undated_articles,
    from marts.article_treaties as article_treaties
    inner join staging.treaties as treaties using (treaty_id)
    group by all
),

country_days as (
    select
        article_countries.reported_on,
        'country' as entity_kind,
        article_countries.country_code as entity_id,
        coalesce(countries.country_name, article_countries.country_code) as entity_name,
        article_countries.country_code as entity_short_name,
        count(*) as count_articles,
        sum(article_countries.count_mentions) as count_mentions,
        count(*) filter (where not article_countries.has_published_date) as count_undated_articles,
    from marts.article_countries as article_countries
    left join staging.countries as countries using (country_code)
    group by all
),

unioned as (
    select * from treaty_days
    union all
    select * from country_days
)

select * from unioned
order by reported_on, entity_kind desc, count_mentions desc, entity_name;
