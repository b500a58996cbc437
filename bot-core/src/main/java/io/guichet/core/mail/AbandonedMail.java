package io.guichet.core.mail;

import java.time.Instant;
import java.util.Optional;

/** A mail the outbox gave up on, for an operator to look at and send again. */
public record AbandonedMail(long id, Optional<Long> ticketNumber, String recipient, String subject,
                            Instant createdAt, Instant abandonedAt, int attempts, String lastError) {
}
