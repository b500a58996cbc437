package io.guichet.core.testing;

import io.guichet.core.port.TicketThreads;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TicketThreads} in memory, for fast tests. */
public final class InMemoryTicketThreads implements TicketThreads {

    private final Map<TicketId, String> threads = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Map<TicketId, List<String>> subscribers = new ConcurrentHashMap<>();

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
    public synchronized boolean subscribe(TicketId ticket, String staffId, Instant at) {
        List<String> list = subscribers.computeIfAbsent(ticket, t -> new ArrayList<>());
        if (list.contains(staffId)) {
            return false;
        }
        return list.add(staffId);
    }

    @Override
    public synchronized boolean unsubscribe(TicketId ticket, String staffId) {
        return subscribers.getOrDefault(ticket, new ArrayList<>()).remove(staffId);
    }

    @Override
    public synchronized List<String> subscribers(TicketId ticket) {
        return List.copyOf(subscribers.getOrDefault(ticket, List.of()));
    }

    @Override
    public boolean firstSight(String messageId, TicketId ticket, String author, String outcome, Instant at) {
        return seen.add(messageId);
    }
}
