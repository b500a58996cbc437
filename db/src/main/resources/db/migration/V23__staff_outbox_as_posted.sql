-- A ticket's thread post is kept as it was rendered when its change was made: a post delivered late (the chat refused
-- it, it was retried) shows the ticket as it was then (its severity, who held it, who was pinged), not as it is at
-- delivery. Rows written before this migration (content null) are still rendered at delivery.
alter table staff_outbox add column content text;   -- THREAD_POST only: the post's text as rendered
alter table staff_outbox add column pinged  text;   -- THREAD_POST only: the chat user ids it pings, space-separated

-- The files uploaded with a thread post: the whole text of a post cut to the chat's limit, the customer mail's
-- attachments within the chat's size limit.
create table staff_outbox_files (
    outbox_id bigint  not null references staff_outbox (id) on delete cascade,
    position  integer not null,
    name      text    not null,
    data      bytea   not null,
    primary key (outbox_id, position)
);

-- The files mailed with an outgoing mail: a technician's reply written in a ticket's thread with files attached.
create table outbox_attachments (
    outbox_id    bigint  not null references outbox (id) on delete cascade,
    position     integer not null,
    name         text    not null,
    content_type text    not null,
    data         bytea   not null,
    primary key (outbox_id, position)
);
