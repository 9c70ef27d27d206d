-- Grain: one row per direct quote, with its speaker, its article and the names of
-- the treaties it mentions. Not sorted: sorting every quote with its text costs
-- seconds at 100k articles, and analysts sort what they select.
create or replace table marts.quotes as
with treaty_names_per_quote as (
    select
        quote_treaties.article_id,
        quote_treaties.quote_index,
        list_sort(list(treaties.treaty_name)) as treaty_names,
        list_sort(list(coalesce(treaties.short_name, treaties.treaty_name))) as treaty_short_names,
    from staging.quote_treaties as quote_treaties
    inner join staging.treaties as treaties using (treaty_id)
    group by quote_treaties.article_id, quote_treaties.quote_index
)

select
    quotes.article_id,
    quotes.quote_index,
    quotes.paragraph,
    quotes.quote_text,
    quotes.is_partial,
    quotes.count_words,
    quotes.attribution_method,
    quotes.cue,
    quotes.speaker_id,
    coalesce(speakers.speaker_name, quotes.speaker_surface) as speaker_name,
    speakers.speaker_kind,
    speakers.role as speaker_role,
    speakers.country_code as speaker_country_code,
    speakers.country_name as speaker_country_name,
    quotes.treaty_ids,
    coalesce(treaty_names_per_quote.treaty_names, []) as treaty_names,
    coalesce(treaty_names_per_quote.treaty_short_names, []) as treaty_short_names,
    quotes.country_codes,
    articles.headline,
    articles.publisher,
    articles.reported_on,
from staging.quotes as quotes
inner join staging.articles as articles using (article_id)
left join marts.speakers as speakers using (speaker_id)
left join treaty_names_per_quote using (article_id, quote_index);
