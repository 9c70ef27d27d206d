-- Parquet lineage: every article has one load batch that has Parquet files, and
-- no lineage row outlives its article.
select coalesce(articles.article_id, batches.article_id) as article_id, batches.batch_id
from raw.articles as articles
full join raw.article_batches as batches using (article_id)
where
    articles.article_id is null
    or batches.batch_id is null
    or batches.batch_id not in (select files.batch_id from raw.parquet_files as files)
