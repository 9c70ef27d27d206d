-- Grain: one row per country code.
create or replace view staging.countries as
with source as (
    select * from ref.countries
),

renamed as (
    select
        country_code,
        country_name,
        alpha3,
    from source
)

select * from renamed;
