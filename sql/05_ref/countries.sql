-- Grain: one row per country (ISO 3166-1 alpha-2, plus historic codes such as SU, YU).
create table if not exists ref.countries (
    country_code varchar primary key,
    country_name varchar not null,
    alpha3 varchar,
);
