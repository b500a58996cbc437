-- One correlation id per mail, from the watcher to the SMTP send: an answer keeps the id of the mail it answers,
-- so the line that says it was sent carries the same id as the lines about that mail. Null for mail that answers
-- no mail (a deadline's reminder, a technician's reply) and for rows written before.
alter table outbox add column correlation_id text;
