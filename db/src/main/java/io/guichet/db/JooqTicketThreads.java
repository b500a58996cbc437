package io.guichet.db;

import io.guichet.core.port.TicketThreads;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.THREAD_MESSAGES;
import static io.guichet.db.jooq.Tables.TICKET_SUBSCRIBERS;
import static io.guichet.db.jooq.Tables.TICKET_THREADS;

/** {@link TicketThreads} on PostgreSQL: one thread per ticket (an earlier one wins), each message seen once. */
public final class JooqTicketThreads implements TicketThreads {

    private final JooqSession db;

    public JooqTicketThreads(JooqSession db) {
        this.db = db;
    }

    @Override
    public Optional<String> threadOf(TicketId ticket) {
        return db.dsl().select(TICKET_THREADS.THREAD_ID).from(TICKET_THREADS)
                .where(TICKET_THREADS.TICKET_ID.eq(ticket.value())).fetchOptional(TICKET_THREADS.THREAD_ID);
    }

    @Override
    public Optional<TicketId> ticketOf(String threadId) {
        return db.dsl().select(TICKET_THREADS.TICKET_ID).from(TICKET_THREADS)
                .where(TICKET_THREADS.THREAD_ID.eq(threadId)).fetchOptional(TICKET_THREADS.TICKET_ID)
                .map(TicketId::new);
    }

    @Override
    public String remember(TicketId ticket, String threadId, Instant at) {
        db.dsl().insertInto(TICKET_THREADS, TICKET_THREADS.TICKET_ID, TICKET_THREADS.THREAD_ID, TICKET_THREADS.CREATED_AT)
                .values(ticket.value(), threadId, Times.at(at))
                .onConflictDoNothing()
                .execute();
        return threadOf(ticket).orElseThrow();
    }

    @Override
    public boolean subscribe(TicketId ticket, String staffId, Instant at) {
        return db.dsl().insertInto(TICKET_SUBSCRIBERS, TICKET_SUBSCRIBERS.TICKET_ID, TICKET_SUBSCRIBERS.STAFF_ID,
                        TICKET_SUBSCRIBERS.AT)
                .values(ticket.value(), staffId, Times.at(at))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public boolean unsubscribe(TicketId ticket, String staffId) {
        return db.dsl().deleteFrom(TICKET_SUBSCRIBERS).where(TICKET_SUBSCRIBERS.TICKET_ID.eq(ticket.value()))
                .and(TICKET_SUBSCRIBERS.STAFF_ID.eq(staffId)).execute() == 1;
    }

    @Override
    public List<String> subscribers(TicketId ticket) {
        return db.dsl().select(TICKET_SUBSCRIBERS.STAFF_ID).from(TICKET_SUBSCRIBERS)
                .where(TICKET_SUBSCRIBERS.TICKET_ID.eq(ticket.value()))
                .orderBy(TICKET_SUBSCRIBERS.AT, TICKET_SUBSCRIBERS.STAFF_ID)
                .fetch(TICKET_SUBSCRIBERS.STAFF_ID);
    }

    @Override
    public boolean firstSight(String messageId, TicketId ticket, String author, String outcome, Instant at) {
        return db.dsl().insertInto(THREAD_MESSAGES, THREAD_MESSAGES.MESSAGE_ID, THREAD_MESSAGES.TICKET_ID,
                        THREAD_MESSAGES.AUTHOR, THREAD_MESSAGES.OUTCOME, THREAD_MESSAGES.AT)
                .values(messageId, ticket.value(), author, outcome, Times.at(at))
                .onConflictDoNothing()
                .execute() == 1;
    }
}
