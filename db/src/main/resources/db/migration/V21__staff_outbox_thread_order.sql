-- A ticket's thread posts go out in the order they were posted: a claim skips a thread post while an earlier one of
-- the same ticket is pending. This index answers "an earlier pending thread post of this ticket?" without reading
-- the delivered history.
create index staff_outbox_thread_posts on staff_outbox (ticket_id, id)
    where kind = 'THREAD_POST' and delivered_at is null and abandoned_at is null;
