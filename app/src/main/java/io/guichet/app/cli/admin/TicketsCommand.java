package io.guichet.app.cli.admin;

import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.desk.TicketQueries;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code guichet tickets}: the queue, one ticket, and a ticket's whole transcript. */
@Command(name = "tickets", mixinStandardHelpOptions = true, description = "Tickets: the queue, one ticket, a transcript.",
        subcommands = {TicketsCommand.ListTickets.class, TicketsCommand.Show.class, TicketsCommand.Transcript.class})
public final class TicketsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tickets in triage order (R15).")
    static final class ListTickets extends AdminCommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only this status (default: the active ones).")
        String status;
        @Option(names = "--severity", paramLabel = "N", description = "Only this severity, 1 to 4.")
        String severity;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N tickets (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            if (limit < 1 || limit > 10_000) {
                throw AdminProblem.usage("--limit: " + limit + " is not between 1 and 10000.");
            }
            Set<TicketStatus> statuses = status == null
                    ? EnumSet.of(TicketStatus.AWAITING_INFO, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
                    TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.ON_HOLD)
                    : EnumSet.of(Arguments.status(status));
            Optional<Severity> sev = Optional.ofNullable(severity).map(Arguments::severity);
            List<Ticket> tickets = admin.desks().tickets().queue(statuses, sev, 0, limit);
            for (Ticket t : tickets) {
                out.printf("%-7s S%s %-19s %-10s %s%n", t.number(), t.severity().map(s -> "" + s.level()).orElse("?"),
                        t.status(), t.assignee().map(Actor.Staff::name).orElse("-"), t.fields().subject());
            }
            out.println(tickets.size() + " ticket(s).");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One ticket's fields and state.")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            TicketQueries.TicketView view = admin.desks().tickets().view(Arguments.ticket(number))
                    .orElseThrow(() -> AdminProblem.notFound("there is no ticket " + Arguments.ticket(number) + "."));
            Ticket t = view.ticket();
            out.println("Ticket " + t.number() + ": " + t.fields().subject());
            out.println("  status      " + t.status() + t.resolution().map(r -> " (" + r.rule() + " " + r.code() + ")").orElse(""));
            out.println("  severity    " + t.severity().map(s -> "" + s.level()).orElse("not given")
                    + t.originalSeverity().filter(o -> !t.severity().equals(Optional.of(o)))
                    .map(o -> " (originally " + o.level() + ")").orElse("") + (t.escalated() ? ", escalated" : ""));
            out.println("  assignee    " + t.assignee().map(Actor.Staff::name).orElse("-"));
            view.contact().ifPresent(c -> out.println("  contact     " + c.name() + " <" + c.email() + ">"));
            out.println("  server URL  " + t.fields().serverUrl().orElse("-"));
            out.println("  module      " + t.fields().module().orElse("-"));
            out.println("  version     " + t.fields().version().orElse("-"));
            out.println("  devices     " + t.fields().affectedDevices().orElse("-"));
            out.println("  steps       " + t.fields().stepsToReproduce().orElse("-"));
            out.println("  created     " + t.createdAt());
            t.due().firstResponseBy().ifPresent(d -> out.println("  1st response due " + d));
            t.due().nextUpdateBy().ifPresent(d -> out.println("  next update due  " + d));
            out.println();
            out.println(t.fields().description());
        }
    }

    @Command(name = "transcript", mixinStandardHelpOptions = true,
            description = "The whole thread and audit log of a ticket, in time order (R7 accesses included).")
    static final class Transcript extends AdminCommand {
        @Parameters(paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;

        private record Entry(Instant at, int order, String text) {
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            TicketQueries.TicketHistory history = admin.desks().tickets().history(Arguments.ticket(number))
                    .orElseThrow(() -> AdminProblem.notFound("there is no ticket " + Arguments.ticket(number) + "."));
            Ticket t = history.ticket();
            List<Entry> entries = new ArrayList<>();
            for (ThreadMessage m : admin.mail().thread(t.id())) {
                String arrow = m.direction() == ThreadMessage.Direction.IN ? "mail from " + m.sender() : "mail to " + m.sender();
                StringBuilder text = new StringBuilder(arrow + ": " + m.subject() + "\n");
                m.body().strip().lines().forEach(line -> text.append("    ").append(line).append('\n'));
                m.attachments().forEach(a -> text.append("    [attachment ").append(a.filename()).append(", ")
                        .append(a.size()).append(" bytes").append(a.unreadable().map(r -> ", unreadable: " + r).orElse(""))
                        .append("]\n"));
                // at the same instant: the mail that caused a change, the change, then our answer to it
                entries.add(new Entry(m.at(), m.direction() == ThreadMessage.Direction.IN ? 0 : 2, text.toString()));
            }
            for (TicketEvent e : history.events()) {
                String move = e.from().isPresent() && e.to().isPresent() && e.from().get() != e.to().get()
                        ? " (" + e.from().get() + " -> " + e.to().get() + ")" : "";
                entries.add(new Entry(e.at(), 1, e.kind() + move + " by " + e.actor().label()
                        + (e.detail().isBlank() ? "" : ": " + e.detail()) + "\n"));
            }
            entries.sort(Comparator.comparing(Entry::at).thenComparingInt(Entry::order));
            out.println("Transcript of ticket " + t.number() + ": " + t.fields().subject());
            for (Entry entry : entries) {
                out.print(entry.at() + "  " + entry.text());
            }
        }
    }
}
