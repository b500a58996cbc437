-- Deadlines: every timed rule of the policy as a row, written in the transaction of the ticket change that implies
-- it (see docs/deadlines.md). A clustered sweep claims due rows with FOR UPDATE SKIP LOCKED and a lease.

-- When the ticket's current period began (status entered, or the customer's clock restarted): deadlines are
-- planned from it. Existing tickets start from their last change.
alter table tickets add column status_since timestamptz;
update tickets set status_since = case
    when status = 'RESOLVED' then coalesce(resolved_at, updated_at)
    when status = 'CLOSED' then coalesce(closed_at, updated_at)
    else updated_at end;
alter table tickets alter column status_since set not null;
alter table tickets alter column status_since set default now();   -- rows written outside the desk

create table deadlines (
    id             bigint generated always as identity primary key,
    ticket_id      bigint      not null references tickets (id),
    kind           text        not null check (kind in
                       ('REMINDER', 'AUTO_RESOLVE', 'CLOSE', 'FIRST_RESPONSE_TARGET', 'UPDATE_TARGET',
                        'SEVERITY_ONE_ANSWER')),
    step           smallint    not null default 0 check (step >= 0),  -- the reminder number, from 0; else 0
    due_at         timestamptz not null,
    created_at     timestamptz not null,
    attempts       integer     not null default 0,                   -- claims so far (a stuck one shows)
    claimed_until  timestamptz,                                      -- lease of the sweeper that claimed it
    fired_at       timestamptz,                                      -- applied; kept so it never fires twice
    constraint deadlines_ticket_kind_step unique (ticket_id, kind, step)
);
-- the sweep: pending rows by due time
create index deadlines_pending_due on deadlines (due_at) where fired_at is null;

-- Calendar notices (R10 certification expiry, R20 end of support), each sent once per subject and contact.
create table calendar_notices (
    id          bigint generated always as identity primary key,
    kind        text        not null check (kind in ('CERTIFICATION_EXPIRY', 'END_OF_SUPPORT')),
    subject     text        not null,   -- the certification end day, or 'product version'
    contact_id  bigint      not null references contacts (id),
    sent_at     timestamptz not null,
    constraint calendar_notices_once unique (kind, subject, contact_id)
);
