-- Grain: one row per treaty x country mentioned in the same article.
create or replace view analytics.treaty_countries as
select
    treaties.treaty_name,
    coalesce(countries.country_name, article_countries.country_code) as country_name,
    count(*) as count_articles,
    sum(article_countries.count_mentions) as count_country_mentions,
    sum(article_treaties.count_mentions) as count_treaty_mentions,
    article_treaties.treaty_id,
    article_countries.country_code,
from marts.article_treaties as article_treaties
inner join marts.article_countries as article_countries using (article_id)
inner join staging.treaties as treaties using (treaty_id)
left join staging.countries as countries using (country_code)
group by all
order by count_articles desc, count_country_mentions desc, treaty_name, country_name;

comment on view analytics.treaty_countries is 'One row per treaty x country co-mentioned in at least one article: in how many articles, and how often each is named there.';
comment on column analytics.treaty_countries.count_articles is 'Articles mentioning both the treaty and the country.';
