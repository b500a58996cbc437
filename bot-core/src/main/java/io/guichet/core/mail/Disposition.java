package io.guichet.core.mail;

/** What became of an inbound mail. */
public enum Disposition {
    /** Recorded; the transaction that handles it has not settled it yet. */
    RECEIVED,
    /** A ticket was opened. */
    OPENED,
    /** Added to an existing ticket. */
    UPDATED,
    /** No ticket: unknown sender (R10), no coverage (R1), no access to the ticket named. */
    REJECTED,
    /** An automatic reply (RFC 3834): recorded, never answered. */
    AUTO_REPLY,
    /** A delivery status notification (RFC 3464): recorded on the ticket whose mail bounced. */
    BOUNCE,
    /** Our own mail coming back: recorded, never answered. */
    LOOP,
    /** Could not be parsed or handled: moved to the quarantine folder with the reason. */
    QUARANTINED,
    /**
     * Was quarantined, then released by an operator to be handled again: the mail went back to the inbox, and this
     * receipt no longer makes it a duplicate.
     */
    RELEASED
}
