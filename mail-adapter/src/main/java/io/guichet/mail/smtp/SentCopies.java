package io.guichet.mail.smtp;

import jakarta.mail.internet.MimeMessage;

import java.util.Objects;

/**
 * The mailbox's copies of the mail we sent (its Sent folder), by which an uncertain send is checked before it is sent
 * again: a send whose outcome was never recorded (the sender died or lost its database after handing the mail to the
 * server, or lost the connection after the message data) is looked up by its Message-ID.
 */
public interface SentCopies {

    /** What a look-up found. */
    sealed interface Lookup {
    }

    /** The Sent folder holds a mail with this Message-ID: it was sent. */
    record Found(String folder) implements Lookup {
    }

    /** The Sent folder was searched and holds no mail with this Message-ID. */
    record Absent(String folder) implements Lookup {
    }

    /** The look-up could not be made (no Sent folder configured, the server unreachable): {@code why}. */
    record Unchecked(String why) implements Lookup {
        public Unchecked {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Looks for a mail whose Message-ID is {@code messageId} (with its angle brackets). Never throws. */
    Lookup find(String messageId);

    /**
     * Files a copy of a mail the server just took, when Guichet is to keep its own copies (servers that do not file
     * submitted mail themselves); does nothing otherwise. Never throws: a copy that cannot be filed is logged.
     */
    void file(MimeMessage sent);

    /** No Sent folder: every look-up is {@link Unchecked}, nothing is filed. */
    static SentCopies none() {
        return new SentCopies() {
            @Override
            public Lookup find(String messageId) {
                return new Unchecked("no Sent folder is configured (GUICHET_IMAP_SENT_FOLDER)");
            }

            @Override
            public void file(MimeMessage sent) {
            }
        };
    }
}
