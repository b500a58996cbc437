-- Staff notices (new severity 1, escalation, missed target, downgrade) are written in the transaction of the change
-- that causes them and delivered to the staff channel after commit, with retries: nothing is announced for a change
-- that rolled back, and nothing Discord refused is lost.
create table staff_outbox (
    id              bigint generated always as identity primary key,
    ticket_id       bigint      not null references tickets (id),
    kind            text        not null check (kind in ('NEW_SEVERITY_ONE', 'ESCALATION', 'TARGET_BREACHED', 'DOWNGRADED')),
    detail          text        not null default '',   -- the escalation's reason, the missed target, the downgrade's reason
    from_severity   smallint,                          -- DOWNGRADED only
    to_severity     smallint,                          -- DOWNGRADED only
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    delivered_at    timestamptz,
    abandoned_at    timestamptz,
    last_error      text        not null default ''
);
create index staff_outbox_pending on staff_outbox (next_attempt_at, id) where delivered_at is null and abandoned_at is null;

-- Changes to accounts, contacts, certifications, coverage and versions, and refused staff commands: who did what,
-- when, with the same append-only rule as the tickets' audit trail.
create table audit_events (
    id       bigint generated always as identity primary key,
    at       timestamptz not null,
    actor    text        not null,                   -- Actor.label(): 'staff:<id> <name>', 'system', ...
    kind     text        not null,
    subject  text        not null,                   -- what it is about: an account name, an address, "product version"
    detail   text        not null default ''
);
create index audit_events_subject on audit_events (subject, id);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
    for each statement execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only();
