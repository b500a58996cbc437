package io.guichet.core.desk;

import io.guichet.core.account.Contact;
import io.guichet.core.intake.IntakeReader;
import io.guichet.core.link.TicketLinks;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer's web page of a ticket (issue 13, R7): what a signed link grants, read, and a reply from the page,
 * which goes through {@link CustomerDesk} exactly as a mail does (same rules, same audit, same answers). A grant is
 * honoured only while the ticket belongs to the grant's account and the contact is still one of its active
 * contacts; otherwise nothing is shown.
 */
public final class CustomerPages {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerPages.class);

    private final DeskPorts ports;
    private final PerTransaction<MailJournal> journal;
    private final CustomerDesk customers;
    private final IntakeReader intake;

    /** {@code intake}: the reading of the intake fields the mail channel uses, for the replies written on the page (R5). */
    public CustomerPages(DeskPorts ports, PerTransaction<MailJournal> journal, CustomerDesk customers, IntakeReader intake) {
        this.ports = ports;
        this.journal = journal;
        this.customers = customers;
        this.intake = intake;
    }

    /**
     * The one place deciding which events of a ticket's history its customers see: the ticket's life, the messages,
     * the changes made to it and the accesses to their server. Internal notes, bounces of our mail and missed internal
     * targets stay with the staff. Every kind is decided here (a new kind does not compile until it is).
     */
    public static boolean shownToCustomers(EventKind kind) {
        return switch (kind) {
            case CREATED, INTAKE_COMPLETED, CLAIMED, ASSIGNED, UNCLAIMED, ASKED_CUSTOMER, CUSTOMER_REPLIED, PUT_ON_HOLD, RESUMED,
                 RESOLVED, REOPENED, CLOSED, SEVERITY_CHANGED, ESCALATED, FIELDS_UPDATED, CUSTOMER_MESSAGE, STAFF_REPLY,
                 SERVER_ACCESS, UPDATE_INTERVAL_CHANGED, PHONE_CALL, REMINDER_SENT -> true;
            case NOTE, BOUNCE, TARGET_BREACHED -> false;
        };
    }

    /** What became of a reply written on the page. */
    public sealed interface Reply {
        /** The link no longer grants the ticket (its account or contact changed): nothing was kept. */
        record NoAccess() implements Reply {
        }

        /** This form was already received (a second click, a resubmission): nothing more was kept. */
        record AlreadyReceived() implements Reply {
        }

        /** Handled as a mail from the contact would be; {@link ConcurrentChange}: nothing kept, to be sent again. */
        record Handled(CustomerOutcome outcome) implements Reply {
        }
    }

    /** One line of the page's history: when, who (customer, support or automatic), what, the status move. */
    public record HistoryLine(Instant at, String who, EventKind kind, Optional<String> from, Optional<String> to) {
    }

    /** R7: one access to the customer's server: the technician, date and time, what was done. */
    public record ServerAccess(Instant at, String technician, String detail) {
    }

    /** What the page shows: the ticket, the contact reading it, the conversation (no internal notes), the history. */
    public record TicketPage(Ticket ticket, Contact reader, List<ThreadMessage> messages, List<HistoryLine> history,
                             List<ServerAccess> serverAccesses) {
    }

    /** The page {@code grant} opens, or empty when the grant no longer matches the ticket, its account or contact. */
    public Optional<TicketPage> page(TicketLinks.Grant grant) {
        return ports.inTransaction(desk -> granted(desk, grant).map(g -> {
            List<TicketEvent> events = desk.tickets().events(g.ticket().id());
            List<HistoryLine> history = events.stream().filter(e -> shownToCustomers(e.kind()))
                    .map(e -> new HistoryLine(e.at(), who(e.actor()), e.kind(), e.from().map(Enum::name),
                            e.to().map(Enum::name)))
                    .toList();
            List<ServerAccess> accesses = events.stream().filter(e -> e.kind() == EventKind.SERVER_ACCESS)
                    .map(e -> new ServerAccess(e.at(), e.actor() instanceof Actor.Staff s ? s.name() : e.actor().label(),
                            e.detail()))
                    .toList();
            return new TicketPage(g.ticket(), g.reader(), journal.in(desk.tx()).thread(g.ticket().id()), history, accesses);
        }));
    }

    /**
     * A reply written on the page: handled as a mail from the grant's contact on the ticket, its text read for the
     * intake fields as a mail's would be (R5); {@code asksEscalation}: the page's "escalate" box (R18). {@code form}:
     * the one-time value of the form it was written in, kept as the message's id: the same form submitted again (a
     * double click, back and resubmit) is recognised and handled once.
     */
    public Reply reply(TicketLinks.Grant grant, String form, String text, boolean asksEscalation) {
        try {
            return ports.inTransaction(desk -> {
                Optional<Granted> granted = granted(desk, grant);
                if (granted.isEmpty()) {
                    return new Reply.NoAccess();
                }
                Ticket ticket = granted.get().ticket();
                Contact contact = granted.get().reader();
                MessageId id = MessageId.ofContent(sha256("web-form|" + ticket.number() + "|" + contact.email().value()
                        + "|" + form));
                if (!journal.in(desk.tx()).claimMessageId(id)) {
                    LOG.info("ticket {}: a reply form from its web page submitted again; already received",
                            ticket.number());
                    return new Reply.AlreadyReceived();
                }
                Instant now = ports.clock().instant();
                String body = text.strip();
                String subject = "Re: " + (ticket.fields().subject().isBlank() ? ticket.number().toString()
                        : ticket.fields().subject());
                ThreadMessage entry = new ThreadMessage(Optional.empty(), ThreadMessage.Direction.IN, id, subject,
                        contact.email().value(), body, now, List.of());
                String correlation = "web-" + UUID.randomUUID();
                CustomerOutcome outcome = customers.handle(desk.tx(), new CustomerCommand.AddCustomerMessage(contact.email(),
                        contact.name(), Optional.of(contact.language()), ticket.number(),
                        intake.read(Optional.empty(), body), body, asksEscalation),
                        new Received(Optional.empty(), entry, correlation));
                if (outcome instanceof ConcurrentChange change) {
                    throw new RolledBack(change); // the claim goes with the rest: the same form may come again
                }
                LOG.info("ticket {}: reply from its web page ({})", ticket.number(), correlation);
                return new Reply.Handled(outcome);
            });
        } catch (RolledBack rolledBack) {
            return new Reply.Handled(rolledBack.change());
        }
    }

    private record Granted(Ticket ticket, Contact reader) {
    }

    private static Optional<Granted> granted(DeskContext desk, TicketLinks.Grant grant) {
        return desk.tickets().find(grant.ticket())
                .filter(t -> t.accountId().equals(grant.account()))
                .flatMap(t -> desk.contacts().activeContact(grant.contact())
                        .filter(c -> c.accountId().equals(grant.account()))
                        .map(c -> new Granted(t, c)));
    }

    private static String who(Actor actor) {
        return switch (actor) {
            case Actor.Customer c -> "customer";
            case Actor.Staff s -> "support";
            case Actor.Automatic a -> "system";
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
