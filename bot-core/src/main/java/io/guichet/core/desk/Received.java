package io.guichet.core.desk;

import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;

import java.util.Objects;
import java.util.Optional;

/**
 * The channel's message a customer command came in: what the desk keeps in the ticket's conversation before it acts
 * on the command, and the id its answers thread on.
 *
 * @param answering the message's own id (a mail's Message-ID), which the answers reply to; none when it has none
 * @param entry         the message as the conversation keeps it, on no ticket yet: the desk places it on the
 *                      ticket the command opens or reaches
 * @param correlationId the id the channel's log lines about this message carry, from its arrival: the answers keep
 *                      it up to their sending
 */
public record Received(Optional<MessageId> answering, ThreadMessage entry, String correlationId) {

    public Received {
        Objects.requireNonNull(answering, "answering");
        Objects.requireNonNull(correlationId, "correlationId");
        if (entry.direction() != ThreadMessage.Direction.IN) {
            throw new IllegalArgumentException("a received message comes in");
        }
    }
}
