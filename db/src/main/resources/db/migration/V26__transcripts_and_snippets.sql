-- R13: a ticket closed for good has its transcript posted to the staff's log channel, from the staff outbox like every
-- staff notice: rendered in the closing transaction, its one-line summary in content, the file in staff_outbox_files.
alter table staff_outbox drop constraint staff_outbox_kind_check;
alter table staff_outbox add constraint staff_outbox_kind_check
    check (kind in ('NEW_SEVERITY_ONE', 'ESCALATION', 'TARGET_BREACHED', 'DOWNGRADED', 'LOOP_STOPPED', 'THREAD_POST',
                    'TRANSCRIPT'));
