-- The triage queue (R15) read as JooqTicketStore.queue reads it: one ordered index range per severity, walked in
-- (earliest pending due time, age, number) order. V1's tickets_triage keyed on least(first_response_due_at,
-- next_update_due_at), which is not the queue's order (a first response already given no longer counts), so every
-- page sorted all active tickets: ~300 ms at 1M tickets (docs/BENCHMARKS.md).
drop index tickets_triage;
create index tickets_queue on tickets (
    (coalesce(severity, 5)),   -- no severity sorts last; an equality, so each severity's range is walked in order
    (least(case when first_responded_at is null then first_response_due_at end, next_update_due_at)),
    created_at,
    number)
    where status in ('OPEN', 'IN_PROGRESS');
