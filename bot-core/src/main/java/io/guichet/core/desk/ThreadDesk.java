package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.mail.MailAttachment;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.TicketThreads;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tickets' staff threads: which thread is a ticket's (opened once, remembered), and what a technician writes in
 * one. A plain message is the reply mailed to the customer, a message starting with {@value #NOTE_PREFIX} or
 * {@value #NOTE_WORD} stays an internal note; each goes through the {@link StaffDesk} like the console's commands
 * (same rules, same audit). A message is acted on once, by its chat id, in the transaction of what it does, so a
 * replayed message sends nothing twice.
 */
public final class ThreadDesk {

    /** Starts an internal note in a ticket's thread. */
    public static final String NOTE_PREFIX = "//";
    /** Starts an internal note in a ticket's thread (any case). */
    public static final String NOTE_WORD = "note:";

    private final DeskPorts ports;
    private final PerTransaction<TicketThreads> threads;
    private final StaffDesk staff;

    public ThreadDesk(DeskPorts ports, PerTransaction<TicketThreads> threads, StaffDesk staff) {
        this.ports = ports;
        this.threads = threads;
        this.staff = staff;
    }

    /** What became of a message written in a ticket's thread. */
    public sealed interface Written {
        /** Done: mailed to the customer ({@code mailed}) or kept as a note. */
        record Done(Ticket ticket, boolean mailed, String summary) implements Written {
        }

        /** Refused by the desk: nothing was sent; the problems say why. */
        record Refused(List<Problem> problems) implements Written {
        }

        /** Seen before (a replay): nothing done now. */
        record Duplicate() implements Written {
        }

        /** Not a ticket's thread. */
        record NotATicketThread() implements Written {
        }
    }

    public Optional<String> threadOf(TicketId ticket) {
        return ports.inTransaction(desk -> threads.in(desk.tx()).threadOf(ticket));
    }

    /** Remembers the ticket's new thread; returns the thread to use (an earlier one, if another node was first). */
    public String remember(TicketId ticket, String threadId) {
        return ports.inTransaction(desk -> threads.in(desk.tx()).remember(ticket, threadId, ports.clock().instant()));
    }

    /**
     * A technician's message {@code messageId} in thread {@code threadId}: mailed as the reply, or kept as a note when
     * it starts with a note prefix. Acted on once.
     */
    public Written write(String threadId, String messageId, Actor.Staff by, String text) {
        return write(threadId, messageId, by, text, List.of());
    }

    /**
     * As {@link #write(String, String, Actor.Staff, String)}, the reply mailed with {@code attachments} (a note keeps
     * none).
     */
    public Written write(String threadId, String messageId, Actor.Staff by, String text,
                         List<MailAttachment> attachments) {
        try {
            return writeOnce(threadId, messageId, by, text, attachments);
        } catch (RolledBack rolledBack) {
            // a concurrent change inside the desk rolls the whole unit back, the message's record too: it may be
            // written again
            return new Written.Refused(List.of(rolledBack.change().problem()));
        }
    }

    private Written writeOnce(String threadId, String messageId, Actor.Staff by, String text,
                              List<MailAttachment> attachments) {
        return ports.inTransaction(desk -> {
            Optional<TicketId> ticketId = threads.in(desk.tx()).ticketOf(threadId);
            Optional<Ticket> ticket = ticketId.flatMap(desk.tickets()::find);
            if (ticket.isEmpty()) {
                return new Written.NotATicketThread();
            }
            Optional<String> note = note(text);
            if (!threads.in(desk.tx()).firstSight(messageId, ticketId.get(), by.label(), note.isPresent() ? "note" : "reply",
                    ports.clock().instant())) {
                return new Written.Duplicate();
            }
            StaffCommand command = note.<StaffCommand>map(n -> new StaffCommand.Note(by, ticket.get().number(), n))
                    .orElseGet(() -> new StaffCommand.Reply(by, ticket.get().number(), text.strip(), attachments));
            return switch (staff.handle(desk.tx(), command)) {
                case StaffOutcome.Done done -> new Written.Done(done.ticket(), note.isEmpty(), done.summary());
                case StaffOutcome.Refused refused -> new Written.Refused(refused.problems());
                case ConcurrentChange change -> throw new RolledBack(change);
            };
        });
    }

    /**
     * A message in a ticket's thread from someone without the technician role: not acted on, recorded in the audit
     * log (and seen, so a replay is not recorded twice).
     */
    public void ignored(String threadId, String messageId, Actor.Staff author) {
        ports.run(desk -> threads.in(desk.tx()).ticketOf(threadId).flatMap(desk.tickets()::find).ifPresent(ticket -> {
            if (threads.in(desk.tx()).firstSight(messageId, ticket.id(), author.label(), "ignored", ports.clock().instant())) {
                desk.audit().append(new AuditEvent(ports.clock().instant(), author, AuditKind.COMMAND_REFUSED,
                        "ticket " + ticket.number(), "message in the ticket's thread ignored: not a technician"));
            }
        }));
    }

    /**
     * {@code by} asks to be pinged in the ticket's thread when the customer writes (the technician holding the ticket
     * always is).
     */
    public StaffOutcome subscribe(TicketNumber number, Actor.Staff by) {
        return ports.inTransaction(desk -> {
            Optional<Ticket> ticket = desk.tickets().find(number);
            if (ticket.isEmpty()) {
                return StaffOutcome.Refused.of(Problem.notFound("ticket", "There is no ticket " + number + "."));
            }
            boolean added = threads.in(desk.tx()).subscribe(ticket.get().id(), by.id(), ports.clock().instant());
            return new StaffOutcome.Done(ticket.get(), added
                    ? "You will be pinged in the thread of " + number + " when the customer writes."
                    : "You were already subscribed to " + number + ".");
        });
    }

    /**
     * {@code by} no longer wants to be pinged in the ticket's thread (the technician holding the ticket still is, while
     * holding it).
     */
    public StaffOutcome unsubscribe(TicketNumber number, Actor.Staff by) {
        return ports.inTransaction(desk -> {
            Optional<Ticket> ticket = desk.tickets().find(number);
            if (ticket.isEmpty()) {
                return StaffOutcome.Refused.of(Problem.notFound("ticket", "There is no ticket " + number + "."));
            }
            boolean removed = threads.in(desk.tx()).unsubscribe(ticket.get().id(), by.id());
            boolean holds = ticket.get().assignee().map(a -> a.id().equals(by.id())).orElse(false);
            String summary = removed ? "You will no longer be pinged in the thread of " + number + "."
                    : "You were not subscribed to " + number + ".";
            return new StaffOutcome.Done(ticket.get(), holds
                    ? summary + " You hold it, so you are still pinged until you unclaim it." : summary);
        });
    }

    /** The staff ids subscribed to the ticket's thread. */
    public List<String> subscribers(TicketId ticket) {
        return ports.inTransaction(desk -> threads.in(desk.tx()).subscribers(ticket));
    }

    /** Whether {@code text} is marked as an internal note. */
    public static boolean isNote(String text) {
        return note(text).isPresent();
    }

    /** The note's text when {@code text} is marked as an internal note. */
    static Optional<String> note(String text) {
        String stripped = text.strip();
        if (stripped.startsWith(NOTE_PREFIX)) {
            return Optional.of(stripped.substring(NOTE_PREFIX.length()).strip());
        }
        if (stripped.toLowerCase(Locale.ROOT).startsWith(NOTE_WORD)) {
            return Optional.of(stripped.substring(NOTE_WORD.length()).strip());
        }
        return Optional.empty();
    }
}
