-- Schemas, one per layer: raw (loaded rows, append-only per batch), ref (package
-- reference data), staging (views that rename and type), marts (tables rebuilt
-- after each load), analytics (documented views for analysts).
create schema if not exists raw;
create schema if not exists ref;
create schema if not exists staging;
create schema if not exists marts;
create schema if not exists analytics;
