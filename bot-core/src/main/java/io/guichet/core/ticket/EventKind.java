package io.guichet.core.ticket;

/** What an audit event records. Every lifecycle transition has its own kind; other kinds record facts. */
public enum EventKind {
    CREATED,
    INTAKE_COMPLETED,
    CLAIMED,
    /** A technician gave the ticket to another (the actor assigned it; the detail names the new holder). */
    ASSIGNED,
    UNCLAIMED,
    ASKED_CUSTOMER,
    CUSTOMER_REPLIED,
    PUT_ON_HOLD,
    RESUMED,
    RESOLVED,
    REOPENED,
    CLOSED,
    SEVERITY_CHANGED,
    ESCALATED,
    FIELDS_UPDATED,
    CUSTOMER_MESSAGE,
    STAFF_REPLY,
    NOTE,
    /** R7: a technician accessed the customer's server. */
    SERVER_ACCESS,
    /** R17: a technician lowered how often the ticket is updated, severity unchanged. */
    UPDATE_INTERVAL_CHANGED,
    /** A technician recorded a phone call with the customer (a response, R15, R16). */
    PHONE_CALL,
    REMINDER_SENT,
    TARGET_BREACHED,
    BOUNCE
}
