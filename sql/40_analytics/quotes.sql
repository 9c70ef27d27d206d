-- Grain: one row per direct quote.
create or replace view analytics.quotes as
with treaty_names as (
    select
        quote_treaties.article_id,
        quote_treaties.quote_index,
        list(treaties.treaty_name order by treaties.treaty_name) as treaties,
    from marts.quote_treaties as quote_treaties
    inner join staging.treaties as treaties using (treaty_id)
    group by all
)

select
    quotes.speaker_name,
    quotes.speaker_role,
    quotes.speaker_country_name,
    quotes.quote_text,
    quotes.is_partial,
    coalesce(treaty_names.treaties, []) as treaties,
    quotes.headline,
    quotes.publisher,
    quotes.reported_on,
    quotes.count_words,
    quotes.attribution_method,
    quotes.speaker_id,
    quotes.article_id,
    quotes.quote_index,
from marts.quotes as quotes
left join treaty_names using (article_id, quote_index)
order by quotes.reported_on, quotes.article_id, quotes.quote_index;

comment on view analytics.quotes is 'One row per direct quote: who said it (name, role, country), the text, the treaties it names, and the article (headline, publisher, date). is_partial marks short quotes embedded in a sentence.';
comment on column analytics.quotes.attribution_method is 'How the speaker was found: explicit cue, title, according, pronoun, continuation, nominal or none.';
