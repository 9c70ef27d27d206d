-- Grain: one row per treaty known to the warehouse: the catalogue, plus treaties
-- discovered in articles that the catalogue lacks (is_catalogued = false).
create or replace view staging.treaties as
with catalogued as (
    select
        treaty_id,
        treaty_name,
        short_name,
        category,
        year,
        true as is_catalogued,
    from ref.treaties
),

discovered as (
    select
        treaty_id,
        any_value(name) as treaty_name,
        any_value(short_name) as short_name,
        any_value(category) as category,
        any_value(year) as year,
        false as is_catalogued,
    from raw.article_treaties
    where treaty_id not in (select treaty_id from ref.treaties)
    group by treaty_id
)

select * from catalogued
union all
select * from discovered;
