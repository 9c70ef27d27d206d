-- Quotes, mentions, speakers and treaties all belong to a loaded article.
with children as (
    select article_id, 'quotes' as table_name from raw.quotes
    union all select article_id, 'mentions' from raw.mentions
    union all select article_id, 'speakers' from raw.speakers
    union all select article_id, 'article_treaties' from raw.article_treaties
)

select children.table_name, children.article_id
from children
left join raw.articles as articles using (article_id)
where articles.article_id is null;
