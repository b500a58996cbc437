-- The triage queue (R15) narrowed to one technician's tickets (/queue mine) or to one account (/queue account), read
-- as JooqTicketStore.queue reads it: the same slices and keyset starts as V6's tickets_queue, behind an equality on
-- the holder's stable staff id (the first word of assignee) or on the account, so each slice is one ordered index
-- range of that holder's or account's tickets instead of a walk of the whole queue filtered row by row.
-- The text search (/queue search) has no index: it is checked on the rows a slice walks (a substring in subject or
-- description, case-insensitive), and combined with mine or account it walks only their range.
create index tickets_queue_holder on tickets (
    (split_part(assignee, ' ', 1)),
    (coalesce(severity, 5)),
    (least(case when first_responded_at is null then first_response_due_at end, next_update_due_at)),
    created_at,
    number)
    where status in ('OPEN', 'IN_PROGRESS');
create index tickets_queue_account on tickets (
    account_id,
    (coalesce(severity, 5)),
    (least(case when first_responded_at is null then first_response_due_at end, next_update_due_at)),
    created_at,
    number)
    where status in ('OPEN', 'IN_PROGRESS');
