-- Grain: one row per quote x treaty mentioned inside the quote, with the quote's
-- speaker and text (what speaker_treaties and treaties aggregate).
create or replace table marts.quote_treaties as
select
    quote_treaties.article_id,
    quote_treaties.quote_index,
    quote_treaties.treaty_id,
    quotes.speaker_id,
    quotes.speaker_name,
    quotes.speaker_country_code,
    quotes.quote_text,
    quotes.count_words,
    quotes.reported_on,
from staging.quote_treaties as quote_treaties
inner join marts.quotes as quotes using (article_id, quote_index);
