package io.guichet.mail.inbound;

import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailFailures;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.Transactions;
import io.guichet.mail.inbound.MailHandler.Handled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * The one failure policy for inbound mail. A failed attempt at a mail (any {@link Throwable}) is counted in
 * {@link MailFailures}, by mailbox position, so the count survives restarts; below {@code maxAttempts} the mail is
 * retried later; at {@code maxAttempts} it is quarantined: its receipt is recorded with its Message-ID, sender,
 * subject, size and the reason, and the watcher moves it to the quarantine folder. When the count cannot be stored
 * (the database does not answer), the attempt is not counted and the mail is retried later: an outage does not
 * quarantine good mail.
 *
 * <p>The reason recorded names the failure's class and a reference to the log line with the stack trace; never its
 * message (it may hold SQL or customer text).
 */
public final class FailurePolicy {

    /** Attempts at a mail before it is quarantined, unless configured otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(FailurePolicy.class);

    private final Transactions transactions;
    private final PerTransaction<MailJournal> journal;
    private final MailFailures failures;
    private final int maxAttempts;
    private final Clock clock;

    public FailurePolicy(Transactions transactions, PerTransaction<MailJournal> journal, MailFailures failures, int maxAttempts,
                         Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        this.transactions = transactions;
        this.journal = journal;
        this.failures = failures;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** One failed attempt at the mail at {@code position}, because of {@code failure}: logged with its stack trace. */
    public Handled failed(MailPosition position, Envelope envelope, Throwable failure, String correlationId) {
        String reason = failure.getClass().getSimpleName() + " (ref " + correlationId + ")";
        int attempt = count(position, reason);
        if (attempt == 0) {
            LOG.error("mail at uid {} could not be handled (ref {}); the failure could not be counted either: "
                    + "it will be handled again", position.uid(), correlationId, failure);
            return new Handled.RetryLater("handling failed, ref " + correlationId);
        }
        LOG.error("mail at uid {} could not be handled: attempt {} of {} (ref {})", position.uid(), attempt,
                maxAttempts, correlationId, failure);
        return after(position, envelope, attempt, reason);
    }

    /** One failed attempt at the mail at {@code position}, for a reason given in words (no stack trace to log). */
    public Handled failed(MailPosition position, Envelope envelope, String reason) {
        int attempt = count(position, reason);
        if (attempt == 0) {
            return new Handled.RetryLater(reason);
        }
        LOG.warn("mail at uid {} could not be handled: attempt {} of {}: {}", position.uid(), attempt, maxAttempts,
                reason);
        return after(position, envelope, attempt, reason);
    }

    /**
     * Quarantines the mail at once (it cannot be read, or is too large): its receipt is recorded with the reason.
     * When the position already has a receipt of another disposition, the mail was handled before: it is processed.
     */
    public Handled quarantine(MailPosition position, Envelope envelope, String contentHash, String reason) {
        return transactions.inTransaction(tx -> {
            MailJournal journal = this.journal.in(tx);
            InboundReceipt receipt = new InboundReceipt(position, envelope.messageId(), contentHash,
                    envelope.sender(), envelope.subject(), envelope.size(), clock.instant());
            if (!journal.recordReceipt(receipt)) {
                Optional<Disposition> before = journal.dispositionAt(position);
                if (before.isEmpty() || before.get() != Disposition.QUARANTINED) {
                    LOG.info("mail at uid {} was already recorded ({}); not quarantined", position.uid(),
                            before.map(Disposition::name).orElse("as the same mail at another position"));
                    return new Handled.Processed("already handled");
                }
            }
            journal.settle(position, Disposition.QUARANTINED, Optional.empty(), reason);
            LOG.warn("mail at uid {} quarantined: {}", position.uid(), reason);
            return new Handled.Quarantined(reason);
        });
    }

    /**
     * Retried below the limit; at the limit, quarantined. When the quarantine cannot be recorded with what identifies
     * the mail (a value the database refuses, say), it is recorded without them, so the mail still leaves the inbox.
     */
    private Handled after(MailPosition position, Envelope envelope, int attempt, String reason) {
        if (attempt < maxAttempts) {
            return new Handled.RetryLater("attempt " + attempt + " of " + maxAttempts + " failed: " + reason);
        }
        String hash = "failed:" + position.mailbox() + "/" + position.uidValidity() + "/" + position.uid();
        String why = "handling failed " + attempt + " times; last: " + reason;
        try {
            return quarantine(position, envelope, hash, why);
        } catch (Throwable e) {
            LOG.warn("mail at uid {}: its quarantine could not be recorded with its envelope ({}); recording it without",
                    position.uid(), e.getClass().getSimpleName());
        }
        try {
            return quarantine(position, Envelope.unknown(envelope.size()), hash, why);
        } catch (Throwable e) {
            LOG.warn("mail at uid {}: its quarantine could not be recorded ({}); tried again later", position.uid(),
                    e.getClass().getSimpleName());
            return new Handled.RetryLater("quarantine not recorded yet");
        }
    }

    /** Counts the attempt; 0 when it could not be counted. */
    private int count(MailPosition position, String reason) {
        try {
            return failures.countFailure(position, reason, clock.instant());
        } catch (Throwable e) {
            LOG.warn("mail at uid {}: its failed attempt could not be counted: {}", position.uid(),
                    e.getClass().getSimpleName());
            return 0;
        }
    }
}
