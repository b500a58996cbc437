package io.guichet.core.mail;

import java.time.Instant;

/**
 * Failed attempts at handling inbound mail, counted durably by mailbox position, so that a mail that always fails is
 * quarantined after a few attempts, across restarts, instead of being retried forever. Each call is a short
 * transaction of its own: it is made after the failed attempt's transaction rolled back.
 */
public interface MailFailures {

    /** Counts one more failed attempt at the mail at {@code position}; returns the attempts counted so far (1 or more). */
    int countFailure(MailPosition position, String reason, Instant at);

    /** The failed attempts counted for the mail at {@code position} (0 when none). */
    int failures(MailPosition position);

    /** Forgets the attempts of the mail at {@code position} (released by an operator). */
    void forget(MailPosition position);
}
