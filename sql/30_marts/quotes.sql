-- Grain: one row per direct quote, with its speaker and article.
create or replace table marts.quotes as
select
    quotes.article_id,
    quotes.quote_index,
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
    quotes.country_codes,
    articles.headline,
    articles.publisher,
    articles.reported_on,
    articles.path,
from staging.quotes as quotes
inner join staging.articles as articles using (article_id)
left join marts.speakers as speakers using (speaker_id);
