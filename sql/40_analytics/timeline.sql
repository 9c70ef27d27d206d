-- Grain: one row per day x entity (treaty or country) mentioned that day.
create or replace view analytics.timeline as
select
    reported_on,
    entity_kind,
    entity_name,
    entity_short_name,
    count_articles,
    count_mentions,
    count_undated_articles,
    entity_id,
from marts.daily_mentions
order by reported_on, entity_kind desc, count_mentions desc, entity_name;

comment on view analytics.timeline is 'One row per day x treaty or country: articles and mentions that day. The day is the published date when the page gives one, else the ingest date (count_undated_articles says how many articles that day had no published date). Filter with entity_kind = ''treaty'' and entity_short_name = ''ABM''.';
comment on column analytics.timeline.reported_on is 'The day: published date of the articles when known, else their ingest date.';
comment on column analytics.timeline.entity_kind is 'treaty or country.';
comment on column analytics.timeline.entity_name is 'Treaty or country name.';
comment on column analytics.timeline.entity_short_name is 'Treaty short name (ABM, START II) or ISO country code (RU).';
comment on column analytics.timeline.count_articles is 'Articles that day mentioning the entity.';
comment on column analytics.timeline.count_mentions is 'Mentions of the entity in those articles.';
comment on column analytics.timeline.count_undated_articles is 'Of those articles, how many had no published date and are placed on their ingest date.';
comment on column analytics.timeline.entity_id is 'Treaty id (e.g. abm-1972) or ISO country code.';
