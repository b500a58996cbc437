package io.guichet.db;

import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.port.AuditLog;
import io.guichet.core.ticket.Actor;
import io.guichet.db.jooq.tables.records.AuditEventsRecord;

import java.util.List;

import static io.guichet.db.jooq.Tables.AUDIT_EVENTS;

/** {@link AuditLog} on PostgreSQL; the table refuses updates and deletes (a trigger), like the tickets' trail. */
public final class JooqAuditLog implements AuditLog {

    private final JooqSession db;

    public JooqAuditLog(JooqSession db) {
        this.db = db;
    }

    @Override
    public void append(AuditEvent event) {
        db.dsl().insertInto(AUDIT_EVENTS)
                .set(AUDIT_EVENTS.AT, Times.at(event.at()))
                .set(AUDIT_EVENTS.ACTOR, event.actor().label())
                .set(AUDIT_EVENTS.KIND, event.kind().name())
                .set(AUDIT_EVENTS.SUBJECT, event.subject())
                .set(AUDIT_EVENTS.DETAIL, event.detail())
                .execute();
    }

    @Override
    public List<AuditEvent> about(String subject) {
        return db.dsl().selectFrom(AUDIT_EVENTS).where(AUDIT_EVENTS.SUBJECT.eq(subject)).orderBy(AUDIT_EVENTS.ID)
                .fetch(JooqAuditLog::read);
    }

    @Override
    public List<AuditEvent> latest(int limit) {
        return db.dsl().selectFrom(AUDIT_EVENTS).orderBy(AUDIT_EVENTS.ID.desc()).limit(limit)
                .fetch(JooqAuditLog::read);
    }

    private static AuditEvent read(AuditEventsRecord r) {
        return new AuditEvent(Times.instant(r.getAt()), Actor.fromLabel(r.getActor()), AuditKind.valueOf(r.getKind()),
                r.getSubject(), r.getDetail());
    }
}
