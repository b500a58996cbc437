package io.guichet.db;

import io.guichet.core.account.ContactId;
import io.guichet.core.port.NoticeLog;

import java.time.Instant;

import static io.guichet.db.jooq.Tables.CALENDAR_NOTICES;

/** {@link NoticeLog} on PostgreSQL: a unique (kind, subject, contact) row; a second insert does nothing. */
public final class JooqNoticeLog implements NoticeLog {

    private final JooqSession db;

    public JooqNoticeLog(JooqSession db) {
        this.db = db;
    }

    @Override
    public boolean firstTime(Kind kind, String subject, ContactId contact, Instant at) {
        return db.dsl().insertInto(CALENDAR_NOTICES)
                .set(CALENDAR_NOTICES.KIND, kind.name())
                .set(CALENDAR_NOTICES.SUBJECT, subject)
                .set(CALENDAR_NOTICES.CONTACT_ID, contact.value())
                .set(CALENDAR_NOTICES.SENT_AT, Times.at(at))
                .onConflictDoNothing()
                .execute() == 1;
    }
}
