-- R11: when the account's always-available contacts were asked to answer a severity-1 question (in the current
-- period of the ticket), so that asking is not repeated after a restart and the ticket is lowered one timeout after
-- they were asked, not one timeout after the submitter's own deadline; null: not asked in this period.
alter table tickets add column availability_asked_at timestamptz;

-- Tickets already waiting after the contacts were asked (the asking deadline fired in the current period).
update tickets t set availability_asked_at = d.fired_at
  from deadlines d
 where d.ticket_id = t.id and d.kind = 'SEVERITY_ONE_ANSWER' and d.step = 0 and d.fired_at is not null
   and t.status = 'WAITING_ON_CUSTOMER' and d.fired_at >= t.status_since;
