-- Grain: one row per catalogued treaty (the package's treaty catalogue).
create table if not exists ref.treaties (
    treaty_id varchar primary key,
    treaty_name varchar not null,
    short_name varchar,
    aliases varchar[],
    year integer,
    category varchar,
);
