package io.guichet.core.mail;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A mail waiting in the outbox, rendered and addressed, with our own stable Message-ID and the threading headers.
 * {@code automatic}: an automatic answer (sent with {@code Auto-Submitted: auto-replied}).
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
                           int attempts) {

    public OutgoingMail {
        references = List.copyOf(references);
    }
}
