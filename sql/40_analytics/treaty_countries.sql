-- Grain: one row per treaty x country mentioned in the same article.
create or replace view analytics.treaty_countries as
select
    treaty_name,
    treaty_short_name,
    country_name,
    count_articles,
    count_country_mentions,
    count_treaty_mentions,
    count_quotes_by_country_speakers,
    first_seen_on,
    last_seen_on,
    treaty_id,
    country_code,
from marts.treaty_countries
order by count_articles desc, count_country_mentions desc, treaty_name, country_name;

comment on view analytics.treaty_countries is 'One row per treaty x country co-mentioned in at least one article: in how many articles, how often each is named there, and how many quotes naming the treaty came from speakers of that country. Answers "which countries are discussed with the ABM treaty?" with where treaty_short_name = ''ABM''.';
comment on column analytics.treaty_countries.treaty_name is 'Full treaty name, e.g. Anti-Ballistic Missile Treaty.';
comment on column analytics.treaty_countries.treaty_short_name is 'Short treaty name (ABM, START II); empty for discovered treaties.';
comment on column analytics.treaty_countries.country_name is 'Common English country name.';
comment on column analytics.treaty_countries.count_articles is 'Articles mentioning both the treaty and the country.';
comment on column analytics.treaty_countries.count_country_mentions is 'Mentions of the country in those articles.';
comment on column analytics.treaty_countries.count_treaty_mentions is 'Mentions of the treaty in those articles.';
comment on column analytics.treaty_countries.count_quotes_by_country_speakers is 'Quotes naming the treaty whose speaker is from the country.';
comment on column analytics.treaty_countries.first_seen_on is 'Earliest published date (else ingest date) of an article mentioning both.';
comment on column analytics.treaty_countries.last_seen_on is 'Latest published date (else ingest date) of an article mentioning both.';
comment on column analytics.treaty_countries.treaty_id is 'Stable treaty id (e.g. abm-1972).';
comment on column analytics.treaty_countries.country_code is 'ISO 3166-1 alpha-2 country code.';
