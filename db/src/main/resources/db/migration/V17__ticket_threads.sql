-- A Discord thread per ticket. Thread posts (the ticket opened, the customer's mail, each change) ride the staff
-- outbox: written with their change, delivered after commit, retried. The thread's id is stored once it exists, so
-- a retry or a second node posts into it instead of opening another.
alter table staff_outbox drop constraint staff_outbox_kind_check;
alter table staff_outbox add constraint staff_outbox_kind_check
    check (kind in ('NEW_SEVERITY_ONE', 'ESCALATION', 'TARGET_BREACHED', 'DOWNGRADED', 'LOOP_STOPPED', 'THREAD_POST'));
alter table staff_outbox add column event_kind text;   -- THREAD_POST only: the ticket event posted
alter table staff_outbox add column actor      text;   -- THREAD_POST only: who did it (Actor.label())

create table ticket_threads (
    ticket_id  bigint      primary key references tickets (id),
    thread_id  text        not null unique,
    created_at timestamptz not null
);

-- Messages technicians wrote in a ticket's thread, by Discord message id: a gateway replay or resume of the same
-- message finds it here and sends nothing twice.
create table thread_messages (
    message_id text        primary key,
    ticket_id  bigint      not null references tickets (id),
    author     text        not null,
    outcome    text        not null,
    at         timestamptz not null
);

-- Technicians who asked to be pinged in a ticket's thread when the customer writes (the holder always is).
create table ticket_subscribers (
    ticket_id bigint      not null references tickets (id),
    staff_id  text        not null,                  -- Actor.Staff.id(): 'discord:<user id>'
    at        timestamptz not null,
    primary key (ticket_id, staff_id)
);
