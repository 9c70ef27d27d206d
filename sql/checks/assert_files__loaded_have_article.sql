-- Every file the manifest calls loaded has exactly one article row.
select files.sha256
from raw.files as files
left join raw.articles as articles on articles.article_id = files.sha256
where files.status = 'loaded' and articles.article_id is null;
