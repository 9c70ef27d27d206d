-- Grain: one row per speaker x treaty named inside at least one of the speaker's
-- quotes. The sample quote is the longest such quote of at most 60 words (else the
-- shortest longer one), ties broken by article and position so it is stable.
create or replace table marts.speaker_treaties as
with quotes_per_pair as (
    select
        speaker_id,
        treaty_id,
        count(*) as count_quotes,
        count(distinct article_id) as count_articles,
        first(
            quote_text
            order by count_words > 60, if(count_words > 60, count_words, -count_words), article_id, quote_index
        ) as sample_quote,
        min(reported_on) as first_quoted_on,
        max(reported_on) as last_quoted_on,
    from marts.quote_treaties
    where speaker_id is not null
    group by speaker_id, treaty_id
)

select
    speakers.speaker_name,
    speakers.role as speaker_role,
    speakers.country_name as speaker_country_name,
    treaties.treaty_name,
    treaties.short_name as treaty_short_name,
    quotes_per_pair.count_quotes,
    quotes_per_pair.count_articles,
    quotes_per_pair.sample_quote,
    quotes_per_pair.first_quoted_on,
    quotes_per_pair.last_quoted_on,
    quotes_per_pair.speaker_id,
    quotes_per_pair.treaty_id,
from quotes_per_pair
inner join marts.speakers as speakers using (speaker_id)
inner join staging.treaties as treaties using (treaty_id)
order by quotes_per_pair.count_quotes desc, speakers.speaker_name, treaties.treaty_name;
