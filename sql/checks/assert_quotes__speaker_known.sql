-- An attributed quote names a speaker of its own article.
select quotes.article_id, quotes.quote_index, quotes.speaker_id
from raw.quotes as quotes
left join raw.speakers as speakers using (article_id, speaker_id)
where quotes.speaker_id is not null and speakers.speaker_id is null;
