package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;

import java.util.Objects;
import java.util.Optional;

/**
 * What kind of message arrived, as decided by {@link MailClassifier}. Only {@link Human} mail may get an
 * automatic answer; the others are recorded, never answered (DESIGN "How a message travels" step 2).
 */
public sealed interface Classification {

    /** Written by a person: go on to threading and intake. */
    record Human() implements Classification {
    }

    /**
     * Sent by a program (vacation reply, mailing list, read receipt, mailer-daemon): never answer it.
     *
     * @param reason which marker gave it away, e.g. {@code "Auto-Submitted: auto-replied"}
     */
    record AutoReply(String reason) implements Classification {
        public AutoReply {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A delivery status notification (RFC 3464) about a message we sent: a failure or a delay.
     *
     * @param originalMessageId the Message-ID of our returned message, to find the ticket
     * @param status            the enhanced status code, e.g. {@code 5.1.1} (4.x.x is a delay)
     * @param recipient         the address that could not be reached
     */
    record Bounce(Optional<MessageId> originalMessageId, Optional<String> status, Optional<String> recipient)
            implements Classification {
        public Bounce {
            Objects.requireNonNull(originalMessageId, "originalMessageId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(recipient, "recipient");
        }
    }

    /**
     * Our own mail came back to us (a loop): never answer it.
     *
     * @param reason the own address or Message-ID domain that matched
     */
    record OwnMail(String reason) implements Classification {
        public OwnMail {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
