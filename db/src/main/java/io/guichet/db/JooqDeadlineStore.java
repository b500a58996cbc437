package io.guichet.db;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.deadline.PlannedDeadline;
import io.guichet.core.ticket.TicketId;
import io.guichet.db.jooq.tables.records.DeadlinesRecord;
import org.jooq.Condition;
import org.jooq.Row4;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import static io.guichet.db.jooq.Tables.DEADLINES;

/**
 * {@link DeadlineStore} on PostgreSQL. Planning is an upsert on (ticket, kind, step) that re-arms a row only when its
 * due time changes; claims take pending due rows with {@code FOR UPDATE SKIP LOCKED} and push a lease, so two
 * sweepers never hold the same deadline and a sweeper that dies loses nothing.
 */
public final class JooqDeadlineStore implements DeadlineStore {

    private final JooqSession db;

    public JooqDeadlineStore(JooqSession db) {
        this.db = db;
    }

    /**
     * One statement: the planned rows are upserted (re-armed only when their due time changes) and, in a
     * data-modifying {@code WITH}, the pending rows no longer planned are deleted. The two touch different rows.
     */
    @Override
    public void schedule(TicketId ticket, List<PlannedDeadline> plan, Instant now) {
        Condition notPlanned = DSL.trueCondition();
        for (PlannedDeadline p : plan) {
            notPlanned = notPlanned.and(DSL.not(DEADLINES.KIND.eq(p.kind().name())
                    .and(DEADLINES.STEP.eq((short) p.step()))));
        }
        var unplanned = db.dsl().deleteFrom(DEADLINES)
                .where(DEADLINES.TICKET_ID.eq(ticket.value()))
                .and(DEADLINES.FIRED_AT.isNull())
                .and(notPlanned);
        if (plan.isEmpty()) {
            unplanned.execute();
            return;
        }
        var insert = db.dsl().with(DSL.name("unplanned").as(unplanned.returning(DEADLINES.ID)))
                .insertInto(DEADLINES, DEADLINES.TICKET_ID, DEADLINES.KIND, DEADLINES.STEP, DEADLINES.DUE_AT,
                        DEADLINES.CREATED_AT);
        for (PlannedDeadline p : plan) {
            insert = insert.values(ticket.value(), p.kind().name(), (short) p.step(), Times.at(p.dueAt()), Times.at(now));
        }
        insert.onConflict(DEADLINES.TICKET_ID, DEADLINES.KIND, DEADLINES.STEP)
                .doUpdate()
                .set(DEADLINES.DUE_AT, DSL.excluded(DEADLINES.DUE_AT))
                .set(DEADLINES.CREATED_AT, DSL.excluded(DEADLINES.CREATED_AT))
                .set(DEADLINES.ATTEMPTS, 0)
                .setNull(DEADLINES.CLAIMED_UNTIL)
                .setNull(DEADLINES.FIRED_AT)
                .where(DEADLINES.DUE_AT.ne(DSL.excluded(DEADLINES.DUE_AT)))
                .execute();
    }

    @Override
    public void forget(TicketId ticket) {
        db.dsl().deleteFrom(DEADLINES).where(DEADLINES.TICKET_ID.eq(ticket.value())).execute();
    }

    @Override
    public List<Deadline> claimDue(Instant now, int limit, Duration lease) {
        return db.atomically(s -> {
            List<Long> ids = s.dsl().select(DEADLINES.ID).from(DEADLINES)
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
            return s.dsl().update(DEADLINES)
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
    public void renewClaims(Collection<Long> ids, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        db.dsl().update(DEADLINES).set(DEADLINES.CLAIMED_UNTIL, Times.at(now.plus(lease)))
                .where(DEADLINES.ID.in(ids)).and(DEADLINES.FIRED_AT.isNull())
                .and(DEADLINES.CLAIMED_UNTIL.gt(Times.at(now)))
                .and(DEADLINES.CLAIMED_UNTIL.lt(Times.at(now.plus(lease))))
                .execute();
    }

    @Override
    public void markFired(Collection<Deadline> deadlines, Instant at) {
        if (deadlines.isEmpty()) {
            return;
        }
        List<Row4<Long, String, Short, OffsetDateTime>> same = deadlines.stream()
                .map(d -> DSL.row(d.ticket().value(), d.kind().name(), (short) d.step(), Times.at(d.dueAt())))
                .toList();
        db.dsl().update(DEADLINES).set(DEADLINES.FIRED_AT, Times.at(at))
                .where(DEADLINES.TICKET_ID.in(deadlines.stream().map(d -> d.ticket().value()).distinct().toList()))
                .and(DSL.row(DEADLINES.TICKET_ID, DEADLINES.KIND, DEADLINES.STEP, DEADLINES.DUE_AT).in(same))
                .and(DEADLINES.FIRED_AT.isNull())
                .execute();
    }

    @Override
    public List<Deadline> ofTickets(Collection<TicketId> tickets) {
        if (tickets.isEmpty()) {
            return List.of();
        }
        return db.dsl().selectFrom(DEADLINES)
                .where(DEADLINES.TICKET_ID.in(tickets.stream().map(TicketId::value).distinct().toList()))
                .orderBy(DEADLINES.TICKET_ID, DEADLINES.DUE_AT, DEADLINES.ID).fetch(JooqDeadlineStore::read);
    }

    @Override
    public List<Deadline> ofTicket(TicketId ticket) {
        return db.dsl().selectFrom(DEADLINES).where(DEADLINES.TICKET_ID.eq(ticket.value()))
                .orderBy(DEADLINES.DUE_AT, DEADLINES.ID).fetch(JooqDeadlineStore::read);
    }

    private static Deadline read(DeadlinesRecord r) {
        return new Deadline(r.getId(), new TicketId(r.getTicketId()), DeadlineKind.valueOf(r.getKind()), r.getStep(),
                Times.instant(r.getDueAt()), r.getAttempts(), Times.optional(r.getFiredAt()));
    }
}
