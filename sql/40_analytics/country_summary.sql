-- Grain: one row per country mentioned in at least one article.
create or replace view analytics.country_summary as
select
    country_name,
    country_code,
    count_articles,
    count_mentions,
    count_mentions_in_quotes,
    count_speakers,
    count_treaties,
    top_treaties,
    first_seen_on,
    last_seen_on,
from marts.countries
order by count_mentions desc, count_articles desc, country_name;

comment on view analytics.country_summary is 'One row per country mentioned in any article (names, demonyms, capitals and seats of power such as "the Kremlin" all count): mentions, articles, mentions inside quotes, quoted speakers from the country and the treaties most discussed alongside it.';
comment on column analytics.country_summary.country_name is 'Common English name, e.g. Russia, United States.';
comment on column analytics.country_summary.country_code is 'ISO 3166-1 alpha-2 code (historic codes such as SU for the Soviet Union).';
comment on column analytics.country_summary.count_articles is 'Articles that mention the country at least once.';
comment on column analytics.country_summary.count_mentions is 'Mentions in article bodies (names, demonyms, capitals, metonyms).';
comment on column analytics.country_summary.count_mentions_in_quotes is 'Mentions that fall inside a direct quote.';
comment on column analytics.country_summary.count_speakers is 'Distinct quoted speakers whose country this is.';
comment on column analytics.country_summary.count_treaties is 'Distinct treaties mentioned in the same articles (see analytics.treaty_countries).';
comment on column analytics.country_summary.top_treaties is 'Up to five treaties most often mentioned in the same articles, most frequent first.';
comment on column analytics.country_summary.first_seen_on is 'Earliest published date (else ingest date) of an article mentioning it.';
comment on column analytics.country_summary.last_seen_on is 'Latest published date (else ingest date) of an article mentioning it.';
