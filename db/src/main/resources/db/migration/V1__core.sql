-- Guichet core data: accounts, authorized contacts, product versions, tickets and their audit trail.

create table accounts (
    id                    bigint generated always as identity primary key,
    name                  text        not null,
    coverage_ends_on      date,                       -- R1: last day covered; null = not covered
    account_manager_name  text        not null default '',
    account_manager_email text        not null default '',
    created_at            timestamptz not null default now(),
    constraint accounts_name_unique unique (name)
);

create table contacts (
    id               bigint generated always as identity primary key,
    account_id       bigint      not null references accounts (id),
    name             text        not null,
    email            text        not null,            -- stored lower-case
    phone            text        not null default '',
    language         text        not null default 'en' check (language in ('en', 'fr')),
    discord_user_id  text,
    certified_until  date,                             -- R10: certification valid through this day
    active           boolean     not null default true,
    created_at       timestamptz not null default now(),
    constraint contacts_email_lower check (email = lower(email))
);
-- one active authorisation per address
create unique index contacts_active_email on contacts (email) where active;
create index contacts_account on contacts (account_id);

create table product_versions (
    id           bigint generated always as identity primary key,
    product      text    not null,
    version      text    not null,
    released_on  date    not null,
    on_premise   boolean not null default true,
    retired_on   date,                                 -- R20: announced end of the product line
    constraint product_versions_unique unique (product, version)
);

create sequence ticket_number_seq start with 1000;

create table tickets (
    id                    bigint generated always as identity primary key,
    number                bigint      not null default nextval('ticket_number_seq'),
    account_id            bigint      not null references accounts (id),
    contact_id            bigint      not null references contacts (id),
    subject               text        not null default '',
    description           text        not null default '',
    server_url            text,
    module                text,
    steps_to_reproduce    text,
    affected_devices      text,
    product_version       text,
    severity              smallint    check (severity between 1 and 4),
    original_severity     smallint    check (original_severity between 1 and 4),
    status                text        not null check (status in
                              ('AWAITING_INFO', 'OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'ON_HOLD', 'RESOLVED', 'CLOSED')),
    resolution_reason     text        check (resolution_reason in
                              ('NO_RESPONSE', 'NO_LONGER_NEEDED', 'FIXED_BY_UPDATE', 'WORKS_AS_DOCUMENTED',
                               'FEATURE_REQUEST', 'OUT_OF_SCOPE', 'NOT_SUBSTANTIAL')),
    assignee              text,
    escalated             boolean     not null default false,
    submitter_certified_until date,                    -- R15: copied from the contact at intake
    previous_ticket_id    bigint      references tickets (id),  -- R13: a reopened problem
    first_response_due_at timestamptz,
    next_update_due_at    timestamptz,
    first_responded_at    timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    resolved_at           timestamptz,
    closed_at             timestamptz,
    row_version           integer     not null default 0,
    constraint tickets_number_unique unique (number),
    constraint tickets_resolved_has_reason check (status not in ('RESOLVED', 'CLOSED') or resolution_reason is not null)
);
create index tickets_account on tickets (account_id);
create index tickets_contact on tickets (contact_id);
-- the triage queue (R15): active tickets by severity, then due target, then age
create index tickets_triage on tickets (severity, (least(first_response_due_at, next_update_due_at)), created_at)
    where status in ('OPEN', 'IN_PROGRESS');

create table ticket_events (
    id          bigint generated always as identity primary key,
    ticket_id   bigint      not null references tickets (id),
    at          timestamptz not null,
    actor       text        not null,               -- 'customer:<email>', 'tech:<name>', 'system'
    kind        text        not null,
    from_status text,
    to_status   text,
    detail      text        not null default ''
);
create index ticket_events_ticket on ticket_events (ticket_id, id);

-- the audit trail is append-only
create function ticket_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ticket_events is append-only';
end;
$$;
create trigger ticket_events_no_update before update or delete on ticket_events
    for each statement execute function ticket_events_append_only();
create trigger ticket_events_no_truncate before truncate on ticket_events
    for each statement execute function ticket_events_append_only();
