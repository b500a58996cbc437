package io.guichet.core.ticket;

/**
 * Where a ticket is in its lifecycle. See {@link Lifecycle} for the allowed moves.
 */
public enum TicketStatus {
    /** Created with required intake fields missing (R5): waits for the customer to send them. */
    AWAITING_INFO,
    /** In the triage queue, nobody has claimed it (R15). */
    OPEN,
    /** A technician works on it. */
    IN_PROGRESS,
    /** A question was asked; the customer's clock runs (reminders, then R12a). */
    WAITING_ON_CUSTOMER,
    /** Parked until the customer fixes a hardware or OS cause (R9). */
    ON_HOLD,
    /** Resolved with a reason (R12a-g); the customer may reopen within the window (R13). */
    RESOLVED,
    /** Closed for good (R13): never reopened. */
    CLOSED;

    /** Still being worked or waited on: neither resolved nor closed. */
    public boolean active() {
        return this != RESOLVED && this != CLOSED;
    }

    /** Statuses in which the customer's clock runs, not ours: response targets pause (R15, R16). */
    public boolean waitingOnCustomer() {
        return this == AWAITING_INFO || this == WAITING_ON_CUSTOMER || this == ON_HOLD;
    }
}
