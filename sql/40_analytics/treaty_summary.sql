-- Grain: one row per treaty mentioned in at least one article.
create or replace view analytics.treaty_summary as
select
    treaty_name,
    short_name,
    count_articles,
    count_mentions,
    count_quotes,
    count_speakers,
    count_countries,
    top_countries,
    top_speakers,
    first_seen_on,
    last_seen_on,
    category,
    year_signed,
    is_catalogued,
    treaty_id,
from marts.treaties
order by count_articles desc, count_mentions desc, treaty_name;

comment on view analytics.treaty_summary is 'One row per treaty mentioned in any article: in how many articles, how often, in how many quotes and by how many speakers, with the countries discussed alongside it and the speakers most quoted about it. Discovered treaties the catalogue lacks have is_catalogued = false. Filter on short_name (ABM, START II, Kyoto Protocol) or treaty_name.';
comment on column analytics.treaty_summary.treaty_name is 'Full name, e.g. Anti-Ballistic Missile Treaty.';
comment on column analytics.treaty_summary.short_name is 'Short name analysts use (ABM, START II); empty for discovered treaties the catalogue lacks.';
comment on column analytics.treaty_summary.count_articles is 'Articles that mention the treaty at least once.';
comment on column analytics.treaty_summary.count_mentions is 'Mentions in article bodies, pronominal "the treaty" included when one treaty is in focus.';
comment on column analytics.treaty_summary.count_quotes is 'Direct quotes whose text mentions the treaty.';
comment on column analytics.treaty_summary.count_speakers is 'Distinct speakers with at least one quote mentioning the treaty.';
comment on column analytics.treaty_summary.count_countries is 'Distinct countries mentioned in the same articles (see analytics.treaty_countries).';
comment on column analytics.treaty_summary.top_countries is 'Up to five countries most often mentioned in the same articles, most frequent first.';
comment on column analytics.treaty_summary.top_speakers is 'Up to five speakers with the most quotes mentioning the treaty, most quoted first.';
comment on column analytics.treaty_summary.first_seen_on is 'Earliest published date (else ingest date) of an article mentioning it.';
comment on column analytics.treaty_summary.last_seen_on is 'Latest published date (else ingest date) of an article mentioning it.';
comment on column analytics.treaty_summary.category is 'Catalogue category, e.g. arms-control, environment, human-rights.';
comment on column analytics.treaty_summary.year_signed is 'Year the treaty was signed, from the catalogue.';
comment on column analytics.treaty_summary.is_catalogued is 'False for treaty names discovered in articles that the package catalogue lacks.';
comment on column analytics.treaty_summary.treaty_id is 'Stable id (e.g. abm-1972) for joins with the other analytics views.';
