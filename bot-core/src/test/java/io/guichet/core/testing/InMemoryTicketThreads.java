package io.guichet.core.testing;

import io.guichet.core.port.TicketThreads;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TicketThreads} in memory, for fast tests. */
public final class InMemoryTicketThreads implements TicketThreads {

    private final Map<TicketId, String> threads = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @Override
    public Optional<String> threadOf(TicketId ticket) {
        return Optional.ofNullable(threads.get(ticket));
    }

    @Override
    public Optional<TicketId> ticketOf(String threadId) {
        return threads.entrySet().stream().filter(e -> e.getValue().equals(threadId)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public String remember(TicketId ticket, String threadId, Instant at) {
        return threads.computeIfAbsent(ticket, t -> threadId);
    }

    @Override
    public boolean firstSight(String messageId, TicketId ticket, String author, String outcome, Instant at) {
        return seen.add(messageId);
    }
}
