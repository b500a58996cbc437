package io.guichet.core.ticket;

/** A move of the ticket lifecycle. {@link Lifecycle} says from which statuses each is allowed. */
public sealed interface Transition {

    /** R5: the missing intake fields arrived; the ticket joins the triage queue. */
    record CompleteIntake() implements Transition {
    }

    /** A technician takes the ticket. */
    record Claim(Actor.Staff technician) implements Transition {
    }

    /** The technician gives the ticket back to the queue. */
    record Unclaim() implements Transition {
    }

    /** A question was mailed to the customer; their clock starts. */
    record AskCustomer() implements Transition {
    }

    /** The customer answered a question. */
    record CustomerReplied() implements Transition {
    }

    /** R9: parked until the customer fixes a hardware/OS cause. */
    record PutOnHold() implements Transition {
    }

    /** R9: the customer says the cause is fixed, or a technician resumes. */
    record Resume() implements Transition {
    }

    /** R12: resolved with one of the seven reasons. */
    record Resolve(ResolutionReason reason) implements Transition {
    }

    /** R13: the customer reopens a resolved ticket within the window. */
    record Reopen() implements Transition {
    }

    /**
     * R5, R13: the customer reopens a resolved ticket that still lacks required intake fields: it goes back to waiting
     * for that information (AWAITING_INFO), not to the queue.
     */
    record ReopenAwaitingInfo() implements Transition {
    }

    /** R13: closed for good when the reopen window ends. */
    record Close() implements Transition {
    }
}
