-- R12: a solution or workaround found and given is the ordinary way a ticket ends; R6: diagnostics not followed.
-- Both become resolution reasons. (The root cause, when known, is written in the resolution event's detail.)
alter table tickets drop constraint tickets_resolution_reason_check;
alter table tickets add constraint tickets_resolution_reason_check check (resolution_reason in
    ('SOLUTION_PROVIDED', 'NO_RESPONSE', 'NO_LONGER_NEEDED', 'FIXED_BY_UPDATE', 'WORKS_AS_DOCUMENTED',
     'FEATURE_REQUEST', 'OUT_OF_SCOPE', 'NOT_SUBSTANTIAL', 'DIAGNOSTICS_NOT_FOLLOWED'));
