package io.guichet.db;

import io.guichet.core.mail.MailFailures;
import io.guichet.core.mail.MailPosition;

import java.time.Instant;

import static io.guichet.db.jooq.Tables.INBOUND_FAILURES;

/** {@link MailFailures} on PostgreSQL: one row per mailbox position, its attempts raised by an upsert. */
public final class JooqMailFailures implements MailFailures {

    /** The reason kept is at most this long. */
    private static final int MAX_REASON = 500;

    private final JooqSession db;

    public JooqMailFailures(JooqSession db) {
        this.db = db;
    }

    @Override
    public int countFailure(MailPosition position, String reason, Instant at) {
        String kept = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return db.dsl().insertInto(INBOUND_FAILURES)
                .set(INBOUND_FAILURES.MAILBOX, position.mailbox())
                .set(INBOUND_FAILURES.UID_VALIDITY, position.uidValidity())
                .set(INBOUND_FAILURES.UID, position.uid())
                .set(INBOUND_FAILURES.ATTEMPTS, 1)
                .set(INBOUND_FAILURES.LAST_ERROR, kept)
                .set(INBOUND_FAILURES.FIRST_FAILED_AT, Times.at(at))
                .set(INBOUND_FAILURES.LAST_FAILED_AT, Times.at(at))
                .onConflict(INBOUND_FAILURES.MAILBOX, INBOUND_FAILURES.UID_VALIDITY, INBOUND_FAILURES.UID).doUpdate()
                .set(INBOUND_FAILURES.ATTEMPTS, INBOUND_FAILURES.ATTEMPTS.plus(1))
                .set(INBOUND_FAILURES.LAST_ERROR, kept)
                .set(INBOUND_FAILURES.LAST_FAILED_AT, Times.at(at))
                .returning(INBOUND_FAILURES.ATTEMPTS)
                .fetchOne(INBOUND_FAILURES.ATTEMPTS);
    }

    @Override
    public int failures(MailPosition position) {
        return db.dsl().select(INBOUND_FAILURES.ATTEMPTS).from(INBOUND_FAILURES)
                .where(INBOUND_FAILURES.MAILBOX.eq(position.mailbox()))
                .and(INBOUND_FAILURES.UID_VALIDITY.eq(position.uidValidity()))
                .and(INBOUND_FAILURES.UID.eq(position.uid()))
                .fetchOptional(INBOUND_FAILURES.ATTEMPTS).orElse(0);
    }

    @Override
    public void forget(MailPosition position) {
        db.dsl().deleteFrom(INBOUND_FAILURES)
                .where(INBOUND_FAILURES.MAILBOX.eq(position.mailbox()))
                .and(INBOUND_FAILURES.UID_VALIDITY.eq(position.uidValidity()))
                .and(INBOUND_FAILURES.UID.eq(position.uid()))
                .execute();
    }
}
