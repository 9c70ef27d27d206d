-- Grain: one row per speaker quoted at least once.
create or replace view analytics.speaker_summary as
select
    speaker_name,
    speaker_kind,
    role,
    country_name,
    count_quotes,
    count_words_quoted,
    count_articles_quoted as count_articles,
    treaty_names as treaties,
    first_quoted_on,
    last_quoted_on,
    country_code,
    speaker_id,
from marts.speakers
where count_quotes > 0
order by count_quotes desc, speaker_name, speaker_id;

comment on view analytics.speaker_summary is 'One row per quoted speaker (persons, organisations and anonymous sources such as "senior Russian Foreign Ministry official"): role, country, quotes, words quoted, articles, and the treaties their quotes mention. speaker_id is stable across articles.';
comment on column analytics.speaker_summary.speaker_name is 'The name most articles give, e.g. Vladimir Putin.';
comment on column analytics.speaker_summary.speaker_kind is 'person, anonymous or organization.';
comment on column analytics.speaker_summary.role is 'The title most articles give (e.g. President, Defence Minister).';
comment on column analytics.speaker_summary.country_name is 'The country most articles tie the speaker to; empty when none is given.';
comment on column analytics.speaker_summary.count_quotes is 'Direct quotes attributed to the speaker.';
comment on column analytics.speaker_summary.count_words_quoted is 'Words inside those quotes.';
comment on column analytics.speaker_summary.count_articles is 'Articles quoting the speaker.';
comment on column analytics.speaker_summary.treaties is 'Treaties named inside this speaker''s quotes, most often named first.';
comment on column analytics.speaker_summary.first_quoted_on is 'Earliest published date (else ingest date) of an article quoting the speaker.';
comment on column analytics.speaker_summary.last_quoted_on is 'Latest published date (else ingest date) of an article quoting the speaker.';
comment on column analytics.speaker_summary.country_code is 'ISO 3166-1 alpha-2 code of country_name.';
comment on column analytics.speaker_summary.speaker_id is 'Stable id (e.g. vladimir-putin) for joins with the other analytics views.';
