package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.account.AccountManager;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.version.SupportWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the desk must say to a customer, as data. A channel renders it in the recipient's language (templates live
 * with the channel); the core decides only what is said and to whom.
 */
public sealed interface CustomerNotice {

    Recipient to();

    /** The ticket the notice is about, when there is one (threading, subject tag). */
    Optional<Ticket> ticket();

    /** R2, R5: a new ticket, its number, the severity understood, and every missing or invalid field at once. */
    record Acknowledged(Recipient to, Ticket created, List<IntakeField> missing, List<Problem> problems,
                        Optional<SupportWindow.Verdict.Unsupported> unsupportedVersion,
                        Optional<TicketNumber> previousTicket) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(created);
        }
    }

    /** R5: a reply still lacks fields. */
    record StillMissing(Recipient to, Ticket about, List<IntakeField> missing, List<Problem> problems)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R5: the missing fields arrived; the ticket is in the queue. */
    record IntakeComplete(Recipient to, Ticket about) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * Attachments of the customer's mail could not be read: the rest of it opened or updated the ticket; each entry of
     * {@code lost} names one attachment and why (as the channel wrote it, one line).
     */
    record AttachmentsLost(Recipient to, Ticket about, List<String> lost) implements CustomerNotice {
        public AttachmentsLost {
            lost = List.copyOf(lost);
        }

        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R13: a resolved ticket was reopened by the customer's reply. */
    record Reopened(Recipient to, Ticket about) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R10: the sender is not an authorized contact; no ticket. */
    record UnknownSender(Recipient to) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.empty();
        }
    }

    /**
     * R1: the account's coverage has ended, or (with {@code product}) does not include the product the request is
     * about; no ticket is worked. {@code ticket} is the ticket declined when the product was told after it was opened
     * (R5: the version or module came in a reply).
     */
    record NotCovered(Recipient to, String accountName, AccountManager manager, Optional<String> product,
                      Optional<Ticket> ticket) implements CustomerNotice {
        /** The account is not covered at all. */
        public NotCovered(Recipient to, String accountName, AccountManager manager) {
            this(to, accountName, manager, Optional.empty(), Optional.empty());
        }
    }

    /** R10: the sender may not see or change that ticket. The ticket itself is not disclosed. */
    record NoAccess(Recipient to, TicketNumber number) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.empty();
        }
    }

    /**
     * A technician's answer; {@code question} when it starts the customer's clock; {@code attachments} are mailed with
     * it.
     */
    record StaffReply(Recipient to, Ticket about, String staffName, String text, boolean question,
                      List<io.guichet.core.mail.MailAttachment> attachments) implements CustomerNotice {

        public StaffReply {
            attachments = List.copyOf(attachments);
        }

        public StaffReply(Recipient to, Ticket about, String staffName, String text, boolean question) {
            this(to, about, staffName, text, question, List.of());
        }

        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * R12: resolved, with the reason's explanation (R12e: knowledge base; R12f: account manager); {@code by} a
     * technician, or {@link io.guichet.core.ticket.Actor#SYSTEM} when a deadline resolved it (R12a).
     */
    record Resolved(Recipient to, Ticket about, ResolutionReason reason, String text, AccountManager manager,
                    io.guichet.core.ticket.Actor by, Optional<String> rootCause) implements CustomerNotice {
        /** Resolved without a root cause recorded. */
        public Resolved(Recipient to, Ticket about, ResolutionReason reason, String text, AccountManager manager,
                        io.guichet.core.ticket.Actor by) {
            this(to, about, reason, text, manager, by, Optional.empty());
        }

        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R18: escalated to support management. */
    record Escalated(Recipient to, Ticket about) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R6, R11, R17: severity changed, with the reason. */
    record SeverityChanged(Recipient to, Ticket about, Severity from, Severity newSeverity, String reason)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * R17: a technician lowered how often ticket {@code about} is updated, its severity unchanged: from every
     * {@code was} to every {@code every}, with the reason.
     */
    record UpdateFrequencyLowered(Recipient to, Ticket about, Duration was, Duration every, String reason)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R7: a technician accessed the customer's server; the customer sees who, when and why. */
    record ServerAccessed(Recipient to, Ticket about, String technician, java.time.Instant at, String detail)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * A contact asked by mail (subject {@code link} / {@code lien}) for their ticket's page and the log of accesses to
     * their server (R7): both, in answer; the channel adds the fresh page link to every mail about a ticket.
     */
    record PageLinkAndAccessLog(Recipient to, Ticket about, List<CustomerPages.ServerAccess> accesses)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R9: parked until the customer fixes a hardware/OS cause. */
    record OnHold(Recipient to, Ticket about, String text) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * R12a: a reminder that we wait on the customer; {@code number} counts from 1. Unless they answer, the ticket is
     * resolved at {@code resolvesAt}. {@code awaitingInfo}: what we wait for is the missing intake information (R5).
     */
    record Reminder(Recipient to, Ticket about, int number, Instant resolvesAt, boolean awaitingInfo)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R13: the reopen window ended; the ticket is closed for good and a later reply opens a new one. */
    record Closed(Recipient to, Ticket about) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * R11, R17: no authorized contact answered a severity-1 question within {@code waited}: lowered to
     * {@code newSeverity}; {@code alsoAsked} names the always-available contacts who were asked too (R11).
     */
    record AutomaticDowngrade(Recipient to, Ticket about, Severity from, Severity newSeverity, Duration waited,
                              List<String> alsoAsked) implements CustomerNotice {
        public AutomaticDowngrade {
            alsoAsked = List.copyOf(alsoAsked);
        }

        /** Lowered with no always-available contact to ask. */
        public AutomaticDowngrade(Recipient to, Ticket about, Severity from, Severity newSeverity, Duration waited) {
            this(to, about, from, newSeverity, waited, List.of());
        }

        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /**
     * R11: the submitter of severity-1 ticket {@code about} did not answer our question in time; {@code to}, an
     * always-available contact of the account, is asked to answer, or the ticket is lowered at {@code lowersAt}.
     */
    record AvailabilityRequest(Recipient to, Ticket about, Instant lowersAt) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.of(about);
        }
    }

    /** R10: the contact's certification ends on {@code certifiedUntil} and must be renewed to keep priority. */
    record CertificationExpiring(Recipient to, LocalDate certifiedUntil) implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.empty();
        }
    }

    /**
     * R20: support for {@code product} {@code version}, which the contact's account has tickets on, ends after
     * {@code lastDay}; {@code upgradeTo} names the current version when there is a newer one.
     */
    record EndOfSupport(Recipient to, String product, String version, LocalDate lastDay, Optional<String> upgradeTo)
            implements CustomerNotice {
        public Optional<Ticket> ticket() {
            return Optional.empty();
        }
    }
}
