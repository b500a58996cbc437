-- R13: a ticket closed for good has its transcript posted to the staff's log channel, from the staff outbox like every
-- staff notice: rendered in the closing transaction, its one-line summary in content, the file in staff_outbox_files.
alter table staff_outbox drop constraint staff_outbox_kind_check;
alter table staff_outbox add constraint staff_outbox_kind_check
    check (kind in ('NEW_SEVERITY_ONE', 'ESCALATION', 'TARGET_BREACHED', 'DOWNGRADED', 'LOOP_STOPPED', 'THREAD_POST',
                    'TRANSCRIPT'));

-- Saved replies (snippets): managers keep texts under short names, technicians insert them in replies. Who saved and
-- removed each is in audit_events (SNIPPET_SAVED, SNIPPET_REMOVED).
create table snippets (
    name     text        primary key check (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(name) <= 32),
    text     text        not null,
    saved_by text        not null,   -- Actor.label() of who last saved it
    saved_at timestamptz not null
);
