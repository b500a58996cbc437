package io.guichet.core.port;

import io.guichet.core.audit.AuditEvent;

import java.util.List;

/** The append-only audit trail of changes outside tickets (accounts, contacts, versions) and of refused commands. */
public interface AuditLog {

    /** Appends in the caller's transaction; events are never changed or removed. */
    void append(AuditEvent event);

    /** The events about {@code subject}, oldest first. */
    List<AuditEvent> about(String subject);

    /** The latest {@code limit} events, newest first. */
    List<AuditEvent> latest(int limit);
}
