package io.guichet.core.audit;

import io.guichet.core.ticket.Actor;

import java.time.Instant;

/**
 * One line of the directory's append-only audit trail: who changed what, when. {@code subject} names what it is about
 * (an account's name, a contact's address, "product version", a ticket number for a refused command).
 */
public record AuditEvent(Instant at, Actor actor, AuditKind kind, String subject, String detail) {
}
