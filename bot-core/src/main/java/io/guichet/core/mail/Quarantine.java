package io.guichet.core.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mail that was quarantined, for the people who look after the mailbox: listed, shown, released. */
public interface Quarantine {

    /** Quarantined mail not released, newest first, at most {@code limit}. */
    List<QuarantinedMail> list(int limit);

    /** One quarantined (or released) mail by its receipt's number; empty when no such receipt was quarantined. */
    Optional<QuarantinedMail> find(long id);

    /**
     * Releases a quarantined mail to be handled again: its receipt is marked released (it no longer makes the same
     * mail a duplicate) and its failed attempts are forgotten. False when it is not (or no longer) quarantined.
     */
    boolean release(long id, Instant at);

    /** How many mails are quarantined and not released. */
    long count();
}
