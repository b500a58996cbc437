package io.guichet.db;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.deadline.PlannedDeadline;
import io.guichet.core.ticket.TicketId;
import io.guichet.db.jooq.tables.records.DeadlinesRecord;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static io.guichet.db.jooq.Tables.DEADLINES;

/**
 * {@link DeadlineStore} on PostgreSQL. Planning is an upsert on (ticket, kind, step) that re-arms a row only when its
 * due time changes; claims take pending due rows with {@code FOR UPDATE SKIP LOCKED} and push a lease, so two
 * sweepers never hold the same deadline and a sweeper that dies loses nothing.
 */
public final class JooqDeadlineStore implements DeadlineStore {

    private final JooqTransactions db;

    public JooqDeadlineStore(JooqTransactions db) {
        this.db = db;
    }

    @Override
    public void schedule(TicketId ticket, List<PlannedDeadline> plan, Instant now) {
        db.inTransaction(() -> {
            Condition notPlanned = DSL.trueCondition();
            for (PlannedDeadline p : plan) {
                notPlanned = notPlanned.and(DSL.not(DEADLINES.KIND.eq(p.kind().name())
                        .and(DEADLINES.STEP.eq((short) p.step()))));
                db.dsl().insertInto(DEADLINES)
                        .set(DEADLINES.TICKET_ID, ticket.value())
                        .set(DEADLINES.KIND, p.kind().name())
                        .set(DEADLINES.STEP, (short) p.step())
                        .set(DEADLINES.DUE_AT, Times.at(p.dueAt()))
                        .set(DEADLINES.CREATED_AT, Times.at(now))
                        .onConflict(DEADLINES.TICKET_ID, DEADLINES.KIND, DEADLINES.STEP)
                        .doUpdate()
                        .set(DEADLINES.DUE_AT, Times.at(p.dueAt()))
                        .set(DEADLINES.CREATED_AT, Times.at(now))
                        .set(DEADLINES.ATTEMPTS, 0)
                        .setNull(DEADLINES.CLAIMED_UNTIL)
                        .setNull(DEADLINES.FIRED_AT)
                        .where(DEADLINES.DUE_AT.ne(Times.at(p.dueAt())))
                        .execute();
            }
            db.dsl().deleteFrom(DEADLINES)
                    .where(DEADLINES.TICKET_ID.eq(ticket.value()))
                    .and(DEADLINES.FIRED_AT.isNull())
                    .and(notPlanned)
                    .execute();
            return null;
        });
    }

    @Override
    public void forget(TicketId ticket) {
        db.dsl().deleteFrom(DEADLINES).where(DEADLINES.TICKET_ID.eq(ticket.value())).execute();
    }

    @Override
    public List<Deadline> claimDue(Instant now, int limit, Duration lease) {
        return db.inTransaction(() -> {
            List<Long> ids = db.dsl().select(DEADLINES.ID).from(DEADLINES)
                    .where(DEADLINES.FIRED_AT.isNull())
                    .and(DEADLINES.DUE_AT.le(Times.at(now)))
                    .and(DEADLINES.CLAIMED_UNTIL.isNull().or(DEADLINES.CLAIMED_UNTIL.le(Times.at(now))))
                    .orderBy(DEADLINES.DUE_AT, DEADLINES.ID)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch(DEADLINES.ID);
            if (ids.isEmpty()) {
                return List.of();
            }
            return db.dsl().update(DEADLINES)
                    .set(DEADLINES.CLAIMED_UNTIL, Times.at(now.plus(lease)))
                    .set(DEADLINES.ATTEMPTS, DEADLINES.ATTEMPTS.plus(1))
                    .where(DEADLINES.ID.in(ids))
                    .returning()
                    .fetch(JooqDeadlineStore::read)
                    .stream()
                    .sorted(Comparator.comparing(Deadline::dueAt).thenComparingLong(Deadline::id))
                    .toList();
        });
    }

    @Override
    public boolean stillPending(Deadline deadline) {
        return db.dsl().fetchExists(DEADLINES, same(deadline));
    }

    @Override
    public void markFired(Deadline deadline, Instant at) {
        db.dsl().update(DEADLINES).set(DEADLINES.FIRED_AT, Times.at(at)).where(same(deadline)).execute();
    }

    @Override
    public List<Deadline> ofTicket(TicketId ticket) {
        return db.dsl().selectFrom(DEADLINES).where(DEADLINES.TICKET_ID.eq(ticket.value()))
                .orderBy(DEADLINES.DUE_AT, DEADLINES.ID).fetch(JooqDeadlineStore::read);
    }

    /** The same pending deadline: same ticket, kind and step, same due time, not fired. */
    private static Condition same(Deadline d) {
        return DEADLINES.TICKET_ID.eq(d.ticket().value())
                .and(DEADLINES.KIND.eq(d.kind().name()))
                .and(DEADLINES.STEP.eq((short) d.step()))
                .and(DEADLINES.DUE_AT.eq(Times.at(d.dueAt())))
                .and(DEADLINES.FIRED_AT.isNull());
    }

    private static Deadline read(DeadlinesRecord r) {
        return new Deadline(r.getId(), new TicketId(r.getTicketId()), DeadlineKind.valueOf(r.getKind()), r.getStep(),
                Times.instant(r.getDueAt()), r.getAttempts(), Times.optional(r.getFiredAt()));
    }
}
