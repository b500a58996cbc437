-- Several support addresses: a ticket remembers the address (the mailbox) it came in through, and every mail about
-- it goes out From that address, through that mailbox's SMTP server. Null for tickets opened before, and for a
-- node with one mailbox that never recorded it: such mail goes out through the first configured mailbox.
alter table tickets add column mailbox text;

-- The address an outgoing mail is sent From (the ticket's mailbox, or the mailbox the mail it answers came in
-- through); each mailbox's dispatcher claims its own rows. Null: the first configured mailbox sends it.
alter table outbox add column mailbox text;

create index outbox_mailbox_due on outbox (mailbox, next_attempt_at) where sent_at is null and abandoned_at is null;
