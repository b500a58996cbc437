-- R1: coverage per product. An account's coverage is a set of entries, each with its own last covered day:
-- accounts.coverage_ends_on is the entry for all products (every existing account keeps its coverage, now read as
-- "all products", unchanged), and account_product_coverage holds one entry per product, named as in the version
-- catalogue (product_versions.product). A request is covered when the all-products entry or its product's entry
-- covers the day.
comment on column accounts.coverage_ends_on is 'R1: last day covered for all products; null = no all-products coverage';

create table account_product_coverage (
    account_id    bigint not null references accounts (id),
    product       text   not null,
    covered_until date   not null,                    -- R1: last day covered for this product, inclusive
    constraint account_product_coverage_pk primary key (account_id, product)
);
