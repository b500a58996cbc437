-- The secret the customers' web page links are signed with (HMAC-SHA256), generated once by the first node that
-- needs it and shared by every node of the same database (GUICHET_WEB_SECRET, when set, takes its place).
create table web_link_secret (
    id         int         primary key default 1 check (id = 1),
    secret     bytea       not null check (octet_length(secret) >= 32),
    created_at timestamptz not null default now()
);
