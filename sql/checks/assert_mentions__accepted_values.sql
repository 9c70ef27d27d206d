-- Mention kinds are country or treaty, with sane offsets.
select article_id, mention_index, kind, start_char, end_char
from raw.mentions
where kind not in ('country', 'treaty') or start_char < 0 or end_char <= start_char;
