-- Grain: one row per article x treaty mentioned, with the quotes that name it.
create or replace table marts.article_treaties as
with quotes_per_treaty as (
    select
        article_id,
        treaty_id,
        count(*) as count_quotes,
    from staging.quote_treaties
    group by article_id, treaty_id
)

select
    raw_treaties.article_id,
    raw_treaties.treaty_id,
    raw_treaties.count_mentions,
    coalesce(quotes_per_treaty.count_quotes, 0) as count_quotes,
    articles.reported_on,
    articles.has_published_date,
from raw.article_treaties as raw_treaties
inner join staging.articles as articles using (article_id)
left join quotes_per_treaty using (article_id, treaty_id);
