-- Grain: one row per speaker quoted at least once.
create or replace view analytics.speaker_summary as
with per_speaker as (
    select
        speaker_id,
        count(*) as count_quotes,
        sum(count_words) as count_words_quoted,
        count(distinct article_id) as count_articles,
        min(reported_on) as first_quoted_on,
        max(reported_on) as last_quoted_on,
    from marts.quotes
    where speaker_id is not null
    group by speaker_id
),

treaty_names as (
    select
        quote_treaties.speaker_id,
        list(distinct treaties.treaty_name order by treaties.treaty_name) as treaties,
    from marts.quote_treaties as quote_treaties
    inner join staging.treaties as treaties using (treaty_id)
    group by quote_treaties.speaker_id
)

select
    speakers.speaker_name,
    speakers.speaker_kind,
    speakers.role,
    speakers.country_name,
    per_speaker.count_quotes,
    per_speaker.count_words_quoted,
    per_speaker.count_articles,
    coalesce(treaty_names.treaties, []) as treaties,
    per_speaker.first_quoted_on,
    per_speaker.last_quoted_on,
    speakers.country_code,
    per_speaker.speaker_id,
from per_speaker
inner join marts.speakers as speakers using (speaker_id)
left join treaty_names using (speaker_id)
order by per_speaker.count_quotes desc, speakers.speaker_name;

comment on view analytics.speaker_summary is 'One row per quoted speaker (persons, organisations and anonymous sources such as "senior Russian Foreign Ministry official"): quotes, words quoted, articles, and the treaties their quotes mention. speaker_id is stable across articles.';
comment on column analytics.speaker_summary.speaker_kind is 'person, anonymous or organization.';
comment on column analytics.speaker_summary.role is 'The title most articles give (e.g. President, Defence Minister).';
comment on column analytics.speaker_summary.treaties is 'Treaties named inside this speaker''s quotes.';
