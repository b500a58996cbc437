package io.guichet.mail.inbound;

import io.guichet.core.mail.MailPosition;

/**
 * Handles one inbound mail, given its raw bytes and where it sits, in one transaction. The mailbox watcher calls
 * it, then acts on the mailbox only after it returns (the transaction has committed by then).
 */
public interface MailHandler {

    Handled handle(byte[] raw, MailPosition position);

    /** What the watcher must do with the message in the mailbox. */
    sealed interface Handled {
        /** Done (or already done before): move it to the processed folder / flag it. */
        record Processed(String summary) implements Handled {
        }

        /** Could not be parsed or handled: move it to the quarantine folder; the reason is recorded. */
        record Quarantined(String reason) implements Handled {
        }

        /** A transient failure (database down, concurrent change): leave it where it is and try again later. */
        record RetryLater(String reason) implements Handled {
        }
    }

    /** A message too large to download whole: recorded and quarantined without reading its body. */
    Handled oversize(MailPosition position, String messageId, String sender, String subject, long size);
}
