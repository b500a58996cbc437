package io.guichet.core.desk;

import io.guichet.core.mail.MailAttachment;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;

import java.util.List;
import java.util.Optional;

/** What a technician does to a ticket, whatever the console. */
public sealed interface StaffCommand {

    Actor.Staff by();

    TicketNumber ticket();

    /** Takes the ticket; one held by someone else only with {@code takeOver} (typed on purpose, not a stale button). */
    record Claim(Actor.Staff by, TicketNumber ticket, boolean takeOver) implements StaffCommand {
    }

    record Unclaim(Actor.Staff by, TicketNumber ticket) implements StaffCommand {
    }

    /**
     * Gives the ticket to another technician ({@code to}, who must hold the technician role: the console checks it),
     * or transfers it from its holder; the history records who assigned it to whom.
     */
    record Assign(Actor.Staff by, TicketNumber ticket, Actor.Staff to) implements StaffCommand {
    }

    /**
     * R13 by staff: a technician reopens a resolved ticket, as a customer's reply within the reopen window would
     * (back to awaiting its fields when required ones are still missing, R5). A closed ticket is closed for good.
     */
    record Reopen(Actor.Staff by, TicketNumber ticket) implements StaffCommand {
    }

    /** An answer mailed to the contact, with {@code attachments} (files written with it in a ticket's thread). */
    record Reply(Actor.Staff by, TicketNumber ticket, String text, List<MailAttachment> attachments)
            implements StaffCommand {

        public Reply {
            attachments = List.copyOf(attachments);
        }

        public Reply(Actor.Staff by, TicketNumber ticket, String text) {
            this(by, ticket, text, List.of());
        }
    }

    /** A question mailed to the contact; the customer's clock starts (R12a). */
    record Ask(Actor.Staff by, TicketNumber ticket, String text) implements StaffCommand {
    }

    /** An internal note, never sent to the customer. */
    record Note(Actor.Staff by, TicketNumber ticket, String text) implements StaffCommand {
    }

    /** R6, R11, R17: a severity change needs a reason. */
    record ChangeSeverity(Actor.Staff by, TicketNumber ticket, Severity to, String reason) implements StaffCommand {
    }

    /**
     * R17: the designated contact is not available: the ticket is updated every {@code every} (longer than its
     * severity's interval) without changing its severity; {@code reason} is required and audited.
     */
    record LowerUpdateFrequency(Actor.Staff by, TicketNumber ticket, java.time.Duration every, String reason)
            implements StaffCommand {
    }

    /** R9: parked for a hardware/OS cause; {@code text} tells the customer what to change. */
    record Hold(Actor.Staff by, TicketNumber ticket, String text) implements StaffCommand {
    }

    record Resume(Actor.Staff by, TicketNumber ticket) implements StaffCommand {
    }

    /** R12: resolved with one of the seven reasons and an explanation. */
    record Resolve(Actor.Staff by, TicketNumber ticket, ResolutionReason reason, String text,
                   Optional<String> rootCause) implements StaffCommand {
        public Resolve {
            rootCause = rootCause.map(String::strip).filter(c -> !c.isEmpty());
        }

        /** Resolved without a root cause recorded. */
        public Resolve(Actor.Staff by, TicketNumber ticket, ResolutionReason reason, String text) {
            this(by, ticket, reason, text, Optional.empty());
        }
    }

    /**
     * R21, R3: a request declined at intake (still waiting for its fields, or in the queue unclaimed) because it is
     * excluded from support or outside it; {@code reason} is one of {@link ResolutionReason#declines()}. The ticket is
     * resolved with that reason and the customer told why and where to turn (consulting services, account manager).
     */
    record Decline(Actor.Staff by, TicketNumber ticket, ResolutionReason reason, String text) implements StaffCommand {
    }

    /**
     * A phone call with the customer, recorded on the ticket by the technician who had it: it counts as a response
     * (R15 first response, R16 update) and may bring the missing intake fields ({@code fields}, checked as a mail's
     * would be, R4, R5). {@code summary} is what was said, for the history.
     */
    record RecordCall(Actor.Staff by, TicketNumber ticket, String summary, io.guichet.core.intake.IntakeDraft fields)
            implements StaffCommand {
    }

    /** R18: escalated to support management. */
    record Escalate(Actor.Staff by, TicketNumber ticket, String reason) implements StaffCommand {
    }

    /** R7: the technician accessed the customer's server; logged with name, date and time. */
    record RecordServerAccess(Actor.Staff by, TicketNumber ticket, String detail) implements StaffCommand {
    }
}
