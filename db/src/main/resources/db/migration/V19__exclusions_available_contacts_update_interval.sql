-- R21 (and R3): the seven exclusions become resolution reasons, given to resolve a ticket or to decline a request
-- at intake.
alter table tickets drop constraint tickets_resolution_reason_check;
alter table tickets add constraint tickets_resolution_reason_check check (resolution_reason in
    ('SOLUTION_PROVIDED', 'NO_RESPONSE', 'NO_LONGER_NEEDED', 'FIXED_BY_UPDATE', 'WORKS_AS_DOCUMENTED',
     'FEATURE_REQUEST', 'OUT_OF_SCOPE', 'NOT_SUBSTANTIAL', 'DIAGNOSTICS_NOT_FOLLOWED',
     'EXCLUDED_INTEGRATION', 'EXCLUDED_MISUSE', 'EXCLUDED_ENVIRONMENT', 'EXCLUDED_UPGRADE_TESTING',
     'EXCLUDED_OTHER_PURPOSE', 'EXCLUDED_UNCERTIFIED', 'EXCLUDED_UPDATE_NOT_INSTALLED'));

-- R11: an account designates the authorized contacts who are always available: asked too when the submitter of a
-- severity-1 ticket does not answer a question in time, before the ticket is lowered.
alter table contacts add column always_available boolean not null default false;

-- R17: a ticket's own update interval, longer than its severity's, when a technician lowered how often it is updated
-- without changing its severity; null: the severity's interval.
alter table tickets add column update_interval_seconds bigint check (update_interval_seconds > 0);
