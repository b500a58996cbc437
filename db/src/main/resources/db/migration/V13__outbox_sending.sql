-- An answer handed to the SMTP server whose outcome is not recorded yet: set just before the send, cleared by a
-- failure the server answered; a pending row with it set after a crash is an uncertain send, checked against the
-- mailbox's Sent folder by Message-ID before it is sent again.
alter table outbox add column sending_at timestamptz;

-- RFC 3834: an automatic mail not in answer to a customer's mail (a deadline's, a staff action's, the calendar's) is
-- sent with Auto-Submitted: auto-generated; one in answer to a mail with auto-replied.
alter table outbox add column auto_generated boolean not null default false;
