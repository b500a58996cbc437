package io.guichet.mail.inbound;

import io.guichet.core.mail.MailPosition;

/**
 * Handles one inbound mail, given its raw bytes and where it sits, in one transaction. The mailbox watcher calls
 * it, then acts on the mailbox only after it returns (the transaction has committed by then).
 *
 * <p>The contract the watcher relies on: a handler never throws; it answers what to do with the mail. Every failure
 * of a mail ({@link Throwable} included: {@code OutOfMemoryError}, {@code StackOverflowError}) is one failed attempt,
 * counted durably; after the configured number of attempts the mail is {@link Handled.Quarantined quarantined} with
 * the reason recorded, so the watcher never loops on one mail and the mailbox position moves on.
 * {@link Handled.RetryLater} is for what is not the mail's fault (a concurrent change, or the count itself could not
 * be stored because the database does not answer). The same mail handled again after it was handled is
 * {@link Handled.Processed} and changes nothing.
 */
public interface MailHandler {

    Handled handle(byte[] raw, MailPosition position);

    /** A message too large to download whole: recorded and quarantined without reading its body. */
    Handled oversize(MailPosition position, Envelope envelope);

    /**
     * Handling the mail failed outside the handler (its body could not be downloaded, or a handler broke the contract
     * and threw): counted as one failed attempt of that mail, as a failure inside would be.
     */
    Handled failed(MailPosition position, Envelope envelope, String reason);

    /** What the watcher must do with the message in the mailbox. */
    sealed interface Handled {
        /** Done (or already done before): move it to the processed folder / flag it. */
        record Processed(String summary) implements Handled {
        }

        /** Could not be parsed or handled: move it to the quarantine folder; the reason is recorded. */
        record Quarantined(String reason) implements Handled {
        }

        /** Not handled this time: leave it where it is and try again later. */
        record RetryLater(String reason) implements Handled {
        }
    }
}
