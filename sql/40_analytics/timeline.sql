-- Grain: one row per day x entity (treaty or country) mentioned that day.
create or replace view analytics.timeline as
with treaty_days as (
    select
        reported_on,
        'treaty' as entity_kind,
        treaty_id as entity_id,
        count(*) as count_articles,
        sum(count_mentions) as count_mentions,
    from marts.article_treaties
    group by all
),

country_days as (
    select
        reported_on,
        'country' as entity_kind,
        country_code as entity_id,
        count(*) as count_articles,
        sum(count_mentions) as count_mentions,
    from marts.article_countries
    group by all
),

unioned as (
    select * from treaty_days
    union all
    select * from country_days
)

select
    unioned.reported_on,
    unioned.entity_kind,
    coalesce(treaties.treaty_name, countries.country_name, unioned.entity_id) as entity_name,
    unioned.count_articles,
    unioned.count_mentions,
    unioned.entity_id,
from unioned
left join staging.treaties as treaties
    on unioned.entity_kind = 'treaty' and unioned.entity_id = treaties.treaty_id
left join staging.countries as countries
    on unioned.entity_kind = 'country' and unioned.entity_id = countries.country_code
order by unioned.reported_on, unioned.entity_kind, unioned.count_mentions desc;

comment on view analytics.timeline is 'One row per day x treaty or country: articles and mentions that day. The day is the published date when the page gives one, else the ingest date.';
