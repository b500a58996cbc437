package io.guichet.core.mail;

import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One mail of a ticket's thread, in or out. {@code body} is what was new in it; {@code messageId} its Message-ID, or
 * the stand-in of {@link MessageId#ofContent} for a mail without one.
 */
public record ThreadMessage(Optional<TicketId> ticket, Direction direction, MessageId messageId, String subject,
                            String sender, String body, Instant at, List<StoredAttachment> attachments) {

    public enum Direction { IN, OUT }

    /** This message on {@code ticket}. */
    public ThreadMessage on(TicketId ticket) {
        return new ThreadMessage(Optional.of(ticket), direction, messageId, subject, sender, body, at, attachments);
    }

    /**
     * An attachment's metadata, and its content when within the stored-size limit; {@code unreadable}: why it could
     * not be decoded, when it could not (the rest of the mail was read all the same).
     */
    public record StoredAttachment(String filename, String contentType, long size, Optional<byte[]> content,
                                   Optional<String> unreadable) {

        /** An attachment read whole. */
        public StoredAttachment(String filename, String contentType, long size, Optional<byte[]> content) {
            this(filename, contentType, size, content, Optional.empty());
        }
    }
}
