-- Grain: one row per direct quote. No order by, and no article path: sorting every
-- quote, or carrying one more long string per quote, would cost most of the 200 ms
-- a full read may take at 100k articles; analysts sort what they select.
create or replace view analytics.quotes as
select
    speaker_name,
    speaker_role,
    speaker_country_name,
    quote_text,
    is_partial,
    treaty_names as treaties,
    treaty_short_names,
    headline,
    publisher,
    reported_on,
    count_words,
    attribution_method,
    speaker_id,
    article_id,
    quote_index,
from marts.quotes;

comment on view analytics.quotes is 'One row per direct quote: who said it (name, role, country), the text, the treaties it names, and the article (headline, publisher, date). is_partial marks short quotes embedded in a sentence; unattributed quotes have an empty speaker_name.';
comment on column analytics.quotes.speaker_name is 'Who said it; empty when no sieve could attribute the quote.';
comment on column analytics.quotes.speaker_role is 'The speaker''s title most articles give.';
comment on column analytics.quotes.speaker_country_name is 'The speaker''s country; empty when no article gives one.';
comment on column analytics.quotes.quote_text is 'The words inside the quotation marks (a quote running over several paragraphs is joined).';
comment on column analytics.quotes.is_partial is 'True for a short quote embedded in the reporter''s sentence.';
comment on column analytics.quotes.treaties is 'Full names of the treaties the quote names.';
comment on column analytics.quotes.treaty_short_names is 'Short names of the same treaties (ABM, START II); filter with list_contains(treaty_short_names, ''ABM'').';
comment on column analytics.quotes.headline is 'Headline of the article holding the quote.';
comment on column analytics.quotes.publisher is 'Publisher of the article, when the page names one.';
comment on column analytics.quotes.reported_on is 'Published date of the article when known, else the day it was ingested.';
comment on column analytics.quotes.count_words is 'Words in the quote.';
comment on column analytics.quotes.attribution_method is 'How the speaker was found: explicit cue, title, according, pronoun, continuation, nominal or none.';
comment on column analytics.quotes.speaker_id is 'Stable speaker id (e.g. vladimir-putin).';
comment on column analytics.quotes.article_id is 'SHA-256 of the article file''s bytes (raw.articles.path has the file).';
comment on column analytics.quotes.quote_index is 'Position of the quote in its article, from 0.';
