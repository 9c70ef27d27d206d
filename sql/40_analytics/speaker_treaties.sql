-- Grain: one row per speaker x treaty named inside at least one of the speaker's quotes.
create or replace view analytics.speaker_treaties as
select
    speaker_name,
    speaker_role,
    speaker_country_name,
    treaty_name,
    treaty_short_name,
    count_quotes,
    count_articles,
    sample_quote,
    first_quoted_on,
    last_quoted_on,
    speaker_id,
    treaty_id,
from marts.speaker_treaties
order by count_quotes desc, speaker_name, treaty_name;

comment on view analytics.speaker_treaties is 'One row per speaker x treaty: how many of the speaker''s quotes name the treaty, in how many articles, and a sample quote. Answers "who is quoted about the ABM treaty?" with where treaty_short_name = ''ABM''.';
comment on column analytics.speaker_treaties.speaker_name is 'The name most articles give, e.g. Vladimir Putin.';
comment on column analytics.speaker_treaties.speaker_role is 'The speaker''s title most articles give.';
comment on column analytics.speaker_treaties.speaker_country_name is 'The speaker''s country; empty when no article gives one.';
comment on column analytics.speaker_treaties.treaty_name is 'Full treaty name.';
comment on column analytics.speaker_treaties.treaty_short_name is 'Short treaty name (ABM, START II); empty for discovered treaties.';
comment on column analytics.speaker_treaties.count_quotes is 'The speaker''s quotes that name the treaty.';
comment on column analytics.speaker_treaties.count_articles is 'Articles holding those quotes.';
comment on column analytics.speaker_treaties.sample_quote is 'One such quote: the longest of at most 60 words (else the shortest), stable between runs.';
comment on column analytics.speaker_treaties.first_quoted_on is 'Earliest published date (else ingest date) of such a quote.';
comment on column analytics.speaker_treaties.last_quoted_on is 'Latest published date (else ingest date) of such a quote.';
comment on column analytics.speaker_treaties.speaker_id is 'Stable speaker id (e.g. vladimir-putin).';
comment on column analytics.speaker_treaties.treaty_id is 'Stable treaty id (e.g. abm-1972).';
