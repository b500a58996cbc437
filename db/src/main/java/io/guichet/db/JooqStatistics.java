package io.guichet.db;

import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.DEADLINES;
import static io.guichet.db.jooq.Tables.INBOUND_RECEIPTS;
import static io.guichet.db.jooq.Tables.OUTBOX;
import static io.guichet.db.jooq.Tables.TICKETS;
import static io.guichet.db.jooq.Tables.TICKET_EVENTS;

/** Counts for health and metrics, read with plain aggregate queries. */
public final class JooqStatistics {

    /** Tickets in one status and severity (severity 0: not given yet). */
    public record TicketCount(String status, int severity, long count) {
    }

    /** Inbound mail with one disposition. */
    public record MailCount(String disposition, long count) {
    }

    private final JooqSession db;

    public JooqStatistics(JooqSession db) {
        this.db = db;
    }

    /** Whether the database answers a trivial query. */
    public boolean answers() {
        return db.dsl().selectOne().fetchOne() != null;
    }

    public List<TicketCount> ticketsByStatusAndSeverity() {
        return db.dsl().select(TICKETS.STATUS, DSL.coalesce(TICKETS.SEVERITY, DSL.inline((short) 0)), DSL.count())
                .from(TICKETS)
                .groupBy(TICKETS.STATUS, TICKETS.SEVERITY)
                .fetch(r -> new TicketCount(r.value1(), r.value2(), r.value3()));
    }

    public List<MailCount> mailsByDisposition() {
        return db.dsl().select(INBOUND_RECEIPTS.DISPOSITION, DSL.count()).from(INBOUND_RECEIPTS)
                .groupBy(INBOUND_RECEIPTS.DISPOSITION)
                .fetch(r -> new MailCount(r.value1(), r.value2()));
    }

    /** How late the oldest pending deadline is at {@code now} (zero when none is due). */
    public Duration deadlineLag(Instant now) {
        Optional<Instant> oldest = db.dsl().select(DSL.min(DEADLINES.DUE_AT)).from(DEADLINES)
                .where(DEADLINES.FIRED_AT.isNull()).and(DEADLINES.DUE_AT.le(Times.at(now)))
                .fetchOptional(r -> r.value1() == null ? null : r.value1().toInstant());
        return oldest.map(at -> Duration.between(at, now)).orElse(Duration.ZERO);
    }

    /** Response-target breaches recorded so far (R15, R16). */
    public long breaches() {
        return db.dsl().fetchCount(TICKET_EVENTS, TICKET_EVENTS.KIND.eq("TARGET_BREACHED"));
    }

    /** Outbox mail given up on and not sent again since (an operator retries it with {@code guichet outbox retry}). */
    public long abandonedMails() {
        return db.dsl().fetchCount(OUTBOX, OUTBOX.ABANDONED_AT.isNotNull().and(OUTBOX.SENT_AT.isNull()));
    }
}
