-- Grain: one row per speaker x treaty named inside at least one of the speaker's quotes.
create or replace view analytics.speaker_treaties as
select
    quote_treaties.speaker_name,
    treaties.treaty_name,
    count(*) as count_quotes,
    count(distinct quote_treaties.article_id) as count_articles,
    arg_max(quote_treaties.quote_text, length(quote_treaties.quote_text)) as sample_quote,
    quote_treaties.speaker_id,
    quote_treaties.treaty_id,
from marts.quote_treaties as quote_treaties
inner join staging.treaties as treaties using (treaty_id)
where quote_treaties.speaker_id is not null
group by all
order by count_quotes desc, speaker_name, treaty_name;

comment on view analytics.speaker_treaties is 'One row per speaker x treaty: how many of the speaker''s quotes name the treaty, and the longest such quote as a sample.';
