-- Inbound mail that fails: its failed attempts counted durably (a mail that always fails is quarantined after a
-- few attempts, across restarts), quarantine receipts that say what was quarantined and can be released, and a
-- duplicate that is the same mail (the same Message-ID with the same sender and content), not any mail reusing a
-- Message-ID.

create table inbound_failures (
    mailbox          text        not null,
    uid_validity     bigint      not null,
    uid              bigint      not null,
    attempts         integer     not null,
    last_error       text        not null default '',
    first_failed_at  timestamptz not null,
    last_failed_at   timestamptz not null,
    primary key (mailbox, uid_validity, uid)
);

alter table inbound_receipts add column size_bytes bigint not null default 0;
alter table inbound_receipts add column released_at timestamptz;

alter table inbound_receipts drop constraint inbound_receipts_disposition_check;
alter table inbound_receipts add constraint inbound_receipts_disposition_check check (disposition in
    ('RECEIVED', 'OPENED', 'UPDATED', 'REJECTED', 'AUTO_REPLY', 'BOUNCE', 'LOOP', 'QUARANTINED', 'RELEASED'));

-- A Message-ID alone no longer makes a duplicate: another mail reusing it is handled as new.
drop index inbound_receipts_message_id;
drop index inbound_receipts_content_hash;
-- The same mail: the same Message-ID (or none), sender and content. A released receipt no longer counts, so the
-- released mail, back in the inbox, is recorded again.
create unique index inbound_receipts_same_mail on inbound_receipts (coalesce(message_id, ''), sender, content_hash)
    where disposition <> 'RELEASED';
create index inbound_receipts_message_id on inbound_receipts (message_id) where message_id is not null;
create index inbound_receipts_quarantined on inbound_receipts (id) where disposition = 'QUARANTINED';

-- An attachment that could not be decoded is kept as such, with the reason; the rest of its mail was read.
alter table mail_attachments add column unreadable text;
