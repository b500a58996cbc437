package io.guichet.core.testing;

import io.guichet.core.audit.AuditEvent;
import io.guichet.core.port.AuditLog;

import java.util.ArrayList;
import java.util.List;

/** {@link AuditLog} in memory. */
public final class InMemoryAuditLog implements AuditLog {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void append(AuditEvent event) {
        events.add(event);
    }

    @Override
    public synchronized List<AuditEvent> about(String subject) {
        return events.stream().filter(e -> e.subject().equals(subject)).toList();
    }

    @Override
    public synchronized List<AuditEvent> latest(int limit) {
        return events.reversed().stream().limit(limit).toList();
    }

    public synchronized List<AuditEvent> all() {
        return List.copyOf(events);
    }
}
