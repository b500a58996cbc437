package io.guichet.core.mail;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A mail waiting in the outbox, rendered and addressed, with our own stable Message-ID and the threading headers.
 * {@code automatic}: an automatic answer (sent with {@code Auto-Submitted: auto-replied}); {@code correlationId}: the
 * correlation id of the mail it answers, which the lines about its sending carry too (none when it answers no mail).
 */
public record OutgoingMail(long id,
                           Optional<TicketId> ticket,
                           MessageId messageId,
                           EmailAddress to,
                           String toName,
                           String subject,
                           String body,
                           Optional<MessageId> inReplyTo,
                           List<MessageId> references,
                           boolean automatic,
                           Instant createdAt,
                           int attempts,
                           Optional<String> correlationId) {

    public OutgoingMail {
        references = List.copyOf(references);
        java.util.Objects.requireNonNull(correlationId, "correlationId");
    }

    /** A mail that answers no received mail: no correlation id to carry. */
    public OutgoingMail(long id, Optional<TicketId> ticket, MessageId messageId, EmailAddress to, String toName,
                        String subject, String body, Optional<MessageId> inReplyTo, List<MessageId> references,
                        boolean automatic, Instant createdAt, int attempts) {
        this(id, ticket, messageId, to, toName, subject, body, inReplyTo, references, automatic, createdAt, attempts,
                Optional.empty());
    }
}
