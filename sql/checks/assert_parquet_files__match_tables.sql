-- The Parquet dataset holds exactly the rows loaded: per table, the row counts that
-- the load transactions recorded equal the table's row count.
with recorded as (
    select table_name, sum(count_rows) as count_rows
    from raw.parquet_files
    group by table_name
),

actual as (
    select 'articles' as table_name, count(*) as count_rows from raw.articles
    union all select 'quotes', count(*) from raw.quotes
    union all select 'mentions', count(*) from raw.mentions
    union all select 'speakers', count(*) from raw.speakers
    union all select 'article_treaties', count(*) from raw.article_treaties
)

select actual.table_name, actual.count_rows, recorded.count_rows as recorded_rows
from actual
left join recorded using (table_name)
where actual.count_rows <> coalesce(recorded.count_rows, 0);
