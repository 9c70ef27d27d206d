-- One row per article x speaker.
select article_id, speaker_id, count(*) as count_rows
from raw.speakers
group by all
having count(*) > 1;
