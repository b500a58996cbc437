-- The e-mail channel: every mail of a ticket's thread, inbound receipts (exactly-once intake), the outbox
-- (exactly-once sending), the per-sender automatic-reply log and the mailbox positions.

create table mail_messages (
    id          bigint generated always as identity primary key,
    ticket_id   bigint      references tickets (id),
    direction   text        not null check (direction in ('IN', 'OUT')),
    message_id  text        not null,              -- without angle brackets
    subject     text        not null default '',
    sender      text        not null default '',
    body        text        not null default '',   -- what was new in the message (quoted history stripped)
    created_at  timestamptz not null,
    constraint mail_messages_message_id_unique unique (message_id)
);
create index mail_messages_ticket on mail_messages (ticket_id, id);

create table mail_attachments (
    id               bigint generated always as identity primary key,
    mail_message_id  bigint not null references mail_messages (id),
    filename         text   not null default '',
    content_type     text   not null default '',
    size_bytes       bigint not null,
    content          bytea                          -- null when larger than the stored-size limit
);
create index mail_attachments_message on mail_attachments (mail_message_id);

create table inbound_receipts (
    id            bigint generated always as identity primary key,
    mailbox       text        not null,
    uid_validity  bigint      not null,
    uid           bigint      not null,
    message_id    text,
    content_hash  text        not null,
    sender        text        not null default '',
    subject       text        not null default '',
    disposition   text        not null default 'RECEIVED' check (disposition in
                      ('RECEIVED', 'OPENED', 'UPDATED', 'REJECTED', 'AUTO_REPLY', 'BOUNCE', 'LOOP', 'QUARANTINED')),
    detail        text        not null default '',
    ticket_id     bigint      references tickets (id),
    received_at   timestamptz not null,
    constraint inbound_receipts_position_unique unique (mailbox, uid_validity, uid)
);
create unique index inbound_receipts_message_id on inbound_receipts (message_id) where message_id is not null;
create unique index inbound_receipts_content_hash on inbound_receipts (content_hash) where message_id is null;

create table outbox (
    id                bigint generated always as identity primary key,
    ticket_id         bigint      references tickets (id),
    message_id        text        not null,
    recipient         text        not null,
    recipient_name    text        not null default '',
    subject           text        not null,
    body              text        not null,
    in_reply_to       text,
    references_header text        not null default '',
    automatic         boolean     not null,
    created_at        timestamptz not null,
    attempts          integer     not null default 0,
    next_attempt_at   timestamptz not null,
    sent_at           timestamptz,
    abandoned_at      timestamptz,
    last_error        text        not null default '',
    constraint outbox_message_id_unique unique (message_id)
);
create index outbox_pending on outbox (next_attempt_at) where sent_at is null and abandoned_at is null;

create table auto_replies (
    id       bigint generated always as identity primary key,
    sender   text        not null,
    sent_at  timestamptz not null
);
create index auto_replies_sender on auto_replies (sender, sent_at);

create table mailbox_state (
    mailbox       text        primary key,
    uid_validity  bigint      not null,
    last_uid      bigint      not null,
    updated_at    timestamptz not null
);
