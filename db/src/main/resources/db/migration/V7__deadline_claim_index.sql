-- The sweep claims pending due deadlines in (due_at, id) order (JooqDeadlineStore.claimDue). The V4 index held due_at
-- alone, so when many deadlines fall due at the same instant every claim read all of them to order them by id
-- before taking the first few (100,000 due at once: ~50 ms per claim). With id in the key the claim walks the index
-- in order and stops after its batch.
create index deadlines_pending_claim on deadlines (due_at, id) where fired_at is null;
drop index deadlines_pending_due;
