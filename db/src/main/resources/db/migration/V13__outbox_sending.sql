-- An answer handed to the SMTP server whose outcome is not recorded yet: set just before the send, cleared by a
-- failure the server answered; a pending row with it set after a crash is an uncertain send, checked against the
-- mailbox's Sent folder by Message-ID before it is sent again.
alter table outbox add column sending_at timestamptz;
