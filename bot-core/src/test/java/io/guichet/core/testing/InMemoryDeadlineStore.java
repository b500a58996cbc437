package io.guichet.core.testing;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.deadline.PlannedDeadline;
import io.guichet.core.ticket.TicketId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DeadlineStore} in memory, for tests of the core. Passes the same contract as the PostgreSQL store. */
public final class InMemoryDeadlineStore implements DeadlineStore {

    private record Key(TicketId ticket, DeadlineKind kind, int step) {
    }

    private record Row(Deadline deadline, Instant claimedUntil) {
    }

    private final Map<Key, Row> rows = new HashMap<>();
    private long ids;

    @Override
    public synchronized void schedule(TicketId ticket, List<PlannedDeadline> plan, Instant now) {
        List<Key> planned = new ArrayList<>();
        for (PlannedDeadline p : plan) {
            Key key = new Key(ticket, p.kind(), p.step());
            planned.add(key);
            Row row = rows.get(key);
            if (row == null || !row.deadline().dueAt().equals(p.dueAt())) {
                long id = row == null ? ++ids : row.deadline().id();
                rows.put(key, new Row(new Deadline(id, ticket, p.kind(), p.step(), p.dueAt(), 0, Optional.empty()),
                        Instant.MIN));
            }
        }
        rows.entrySet().removeIf(e -> e.getKey().ticket().equals(ticket) && !planned.contains(e.getKey())
                && e.getValue().deadline().pending());
    }

    @Override
    public synchronized void forget(TicketId ticket) {
        rows.keySet().removeIf(k -> k.ticket().equals(ticket));
    }

    @Override
    public synchronized List<Deadline> claimDue(Instant now, int limit, Duration lease) {
        List<Map.Entry<Key, Row>> due = rows.entrySet().stream()
                .filter(e -> e.getValue().deadline().pending())
                .filter(e -> !e.getValue().deadline().dueAt().isAfter(now))
                .filter(e -> !e.getValue().claimedUntil().isAfter(now))
                .sorted(Comparator.comparing((Map.Entry<Key, Row> e) -> e.getValue().deadline().dueAt())
                        .thenComparing(e -> e.getValue().deadline().id()))
                .limit(limit)
                .toList();
        List<Deadline> claimed = new ArrayList<>();
        for (Map.Entry<Key, Row> e : due) {
            Deadline d = e.getValue().deadline();
            Deadline counted = new Deadline(d.id(), d.ticket(), d.kind(), d.step(), d.dueAt(), d.attempts() + 1,
                    d.firedAt());
            rows.put(e.getKey(), new Row(counted, now.plus(lease)));
            claimed.add(counted);
        }
        return claimed;
    }

    @Override
    public synchronized void renewClaims(Collection<Long> ids, Instant now, Duration lease) {
        Instant until = now.plus(lease);
        rows.replaceAll((key, row) -> ids.contains(row.deadline().id()) && row.deadline().pending()
                && row.claimedUntil().isAfter(now) && row.claimedUntil().isBefore(until)
                ? new Row(row.deadline(), until) : row);
    }

    @Override
    public synchronized void markFired(Collection<Deadline> deadlines, Instant at) {
        for (Deadline deadline : deadlines) {
            Key key = new Key(deadline.ticket(), deadline.kind(), deadline.step());
            Row row = rows.get(key);
            if (row != null && row.deadline().pending() && row.deadline().dueAt().equals(deadline.dueAt())) {
                Deadline d = row.deadline();
                rows.put(key, new Row(new Deadline(d.id(), d.ticket(), d.kind(), d.step(), d.dueAt(), d.attempts(),
                        Optional.of(at)), row.claimedUntil()));
            }
        }
    }

    @Override
    public synchronized List<Deadline> ofTicket(TicketId ticket) {
        return rows.values().stream().map(Row::deadline).filter(d -> d.ticket().equals(ticket))
                .sorted(Comparator.comparing(Deadline::dueAt).thenComparing(Deadline::id)).toList();
    }
}
