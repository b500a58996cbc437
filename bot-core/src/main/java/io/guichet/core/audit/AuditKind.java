package io.guichet.core.audit;

/** What an audit event records: a change to the directory (R1, R10, R20, R19) or a refused staff command. */
public enum AuditKind {
    /** R1: a customer account was added. */
    ACCOUNT_ADDED,
    /** R1: the last covered day of an account changed. */
    COVERAGE_CHANGED,
    /** R10: an authorized contact was added. */
    CONTACT_ADDED,
    /** R10: an authorization was withdrawn. */
    CONTACT_REMOVED,
    /** R10: a certification was recorded or renewed. */
    CERTIFIED,
    /** R10: a certification was withdrawn. */
    CERTIFICATION_WITHDRAWN,
    /** R11: a contact was designated always available for severity-1 questions, or no longer. */
    AVAILABILITY_CHANGED,
    /** R20: a product version was added to the catalogue. */
    VERSION_ADDED,
    /** R19: a knowledge-base article was added or changed. */
    ARTICLE_SAVED,
    /** A saved reply (snippet) was added or its text replaced, by a manager. */
    SNIPPET_SAVED,
    /** A saved reply (snippet) was removed, by a manager. */
    SNIPPET_REMOVED,
    /** A staff command was refused (no role, bad argument, not allowed in the ticket's state). */
    COMMAND_REFUSED
}
