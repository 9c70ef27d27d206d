-- Grain: one row per article x country mentioned.
create or replace table marts.article_countries as
select
    mentions.article_id,
    mentions.entity_id as country_code,
    count(*) as count_mentions,
    count(*) filter (where mentions.is_in_quote) as count_mentions_in_quotes,
    any_value(articles.reported_on) as reported_on,
    any_value(articles.has_published_date) as has_published_date,
from staging.mentions as mentions
inner join staging.articles as articles using (article_id)
where mentions.entity_kind = 'country'
group by mentions.article_id, mentions.entity_id;
