package io.guichet.core.desk;

import io.guichet.core.account.Contact;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.link.TicketLinks;
import io.guichet.core.mail.MailJournal;
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
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The customer's web page of a ticket (issue 13, R7): what a signed link grants, read, and a reply from the page,
 * which goes through {@link CustomerDesk} exactly as a mail does (same rules, same audit, same answers). A grant is
 * honoured only while the ticket belongs to the grant's account and the contact is still one of its active
 * contacts; otherwise nothing is shown.
 */
public final class CustomerPages {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerPages.class);

    /** The history the customer sees: internal notes, bounces and missed internal targets stay with the staff. */
    private static final Set<EventKind> HIDDEN = EnumSet.of(EventKind.NOTE, EventKind.BOUNCE, EventKind.TARGET_BREACHED);

    private final DeskContext desk;
    private final MailJournal journal;
    private final CustomerDesk customers;

    public CustomerPages(DeskContext desk, MailJournal journal, CustomerDesk customers) {
        this.desk = desk;
        this.journal = journal;
        this.customers = customers;
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
        return desk.transactions().inTransaction(() -> granted(grant).map(g -> {
            List<TicketEvent> events = desk.tickets().events(g.ticket().id());
            List<HistoryLine> history = events.stream().filter(e -> !HIDDEN.contains(e.kind()))
                    .map(e -> new HistoryLine(e.at(), who(e.actor()), e.kind(), e.from().map(Enum::name),
                            e.to().map(Enum::name)))
                    .toList();
            List<ServerAccess> accesses = events.stream().filter(e -> e.kind() == EventKind.SERVER_ACCESS)
                    .map(e -> new ServerAccess(e.at(), e.actor() instanceof Actor.Staff s ? s.name() : e.actor().label(),
                            e.detail()))
                    .toList();
            return new TicketPage(g.ticket(), g.reader(), journal.thread(g.ticket().id()), history, accesses);
        }));
    }

    /**
     * A reply written on the page: handled as a mail from the grant's contact on the ticket ({@code asksEscalation}:
     * the page's "escalate" box, R18). Empty when the grant no longer holds (nothing is kept).
     */
    public Optional<CustomerOutcome> reply(TicketLinks.Grant grant, String text, boolean asksEscalation) {
        Optional<Granted> granted = desk.transactions().inTransaction(() -> granted(grant));
        if (granted.isEmpty()) {
            return Optional.empty();
        }
        Ticket ticket = granted.get().ticket();
        Contact contact = granted.get().reader();
        Instant now = desk.clock().instant();
        String body = text.strip();
        ThreadMessage entry = new ThreadMessage(Optional.empty(), ThreadMessage.Direction.IN,
                MessageId.ofContent(sha256("web|" + ticket.number() + "|" + contact.email().value() + "|" + now + "|" + body)),
                "Re: " + (ticket.fields().subject().isBlank() ? ticket.number().toString() : ticket.fields().subject()),
                contact.email().value(), body, now, List.of());
        String correlation = "web-" + UUID.randomUUID();
        CustomerOutcome outcome = customers.handle(new CustomerCommand.AddCustomerMessage(contact.email(),
                contact.name(), Optional.of(contact.language()), ticket.number(), IntakeDraft.empty(), body,
                asksEscalation), new Received(Optional.empty(), entry, correlation));
        LOG.info("ticket {}: reply from its web page ({})", ticket.number(), correlation);
        return Optional.of(outcome);
    }

    private record Granted(Ticket ticket, Contact reader) {
    }

    private Optional<Granted> granted(TicketLinks.Grant grant) {
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
