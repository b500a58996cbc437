package io.guichet.core.deadline;

/** What a deadline does when it falls due, with the policy rule it enforces. */
public enum DeadlineKind {
    /** R12a: a reminder to a customer we wait on (one per configured offset; the step says which). */
    REMINDER("R12a"),
    /** R12a: resolved with reason NO_RESPONSE after the configured time without an answer. */
    AUTO_RESOLVE("R12a"),
    /** R13: closed for good when the reopen window of a resolved ticket ends. */
    CLOSE("R13"),
    /** R15, R18: the initial response is late: escalate and tell the staff. */
    FIRST_RESPONSE_TARGET("R15"),
    /** R16, R18: the next update is late: escalate and tell the staff. */
    UPDATE_TARGET("R16"),
    /**
     * R11, R17: a severity-1 question went unanswered: step 0 asks the account's always-available contacts (lowers at
     * once when there are none), step 1 downgrades to severity 2.
     */
    SEVERITY_ONE_ANSWER("R11");

    private final String rule;

    DeadlineKind(String rule) {
        this.rule = rule;
    }

    /** The policy rule id, for logs and audit events. */
    public String rule() {
        return rule;
    }
}
