-- Loops of new conversations: a naive autoresponder answers each of our answers with a fresh mail (no In-Reply-To,
-- no auto-reply header), which would open a ticket each time. The intake looks up the mail exchanged with a sender
-- lately (JooqMailJournal.exchangedWith) and stops such a loop after a few tickets, telling the staff.
create index mail_messages_correspondent_recent on mail_messages (lower(sender), created_at);

alter table staff_outbox drop constraint staff_outbox_kind_check;
alter table staff_outbox add constraint staff_outbox_kind_check
    check (kind in ('NEW_SEVERITY_ONE', 'ESCALATION', 'TARGET_BREACHED', 'DOWNGRADED', 'LOOP_STOPPED'));
