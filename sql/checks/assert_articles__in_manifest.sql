-- Every article row has a manifest row that says it was loaded.
select articles.article_id
from raw.articles as articles
left join raw.files as files on files.sha256 = articles.article_id
where files.status is distinct from 'loaded';
