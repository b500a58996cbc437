package io.guichet.app.cli.admin;

import io.guichet.app.cli.JsonOutput;
import io.guichet.app.cli.Table;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.desk.Spans;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.desk.TicketQueries;
import io.guichet.core.desk.TicketTranscript;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code guichet tickets}: the queue, one ticket, and a ticket's whole transcript; and the acts a technician may also do
 * by phone or away from Discord (decline at intake, a phone call, a lowered update frequency, a reopen), through the same
 * {@link io.guichet.core.desk.StaffDesk} as the console: the same rules, words and history.
 */
@Command(name = "tickets", mixinStandardHelpOptions = true,
        description = "Tickets: the queue, one ticket, a transcript; decline, record a call, lower the update frequency, reopen.",
        subcommands = {TicketsCommand.ListTickets.class, TicketsCommand.Show.class, TicketsCommand.Transcript.class,
                TicketsCommand.Decline.class, TicketsCommand.Call.class, TicketsCommand.Frequency.class,
                TicketsCommand.Reopen.class})
public final class TicketsCommand {

    /**
     * The JSON form: an array of {@code {"number": 1042, "severity": 1-4|null, "status": "OPEN"..., "assignee":
     * string|null, "subject", "created": instant}}, in triage order.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Tickets in triage order (R15).")
    static final class ListTickets extends AdminCommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only this status (default: the active ones).")
        String status;
        @Option(names = "--severity", paramLabel = "N", description = "Only this severity, 1 to 4.")
        String severity;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N tickets (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        private Set<TicketStatus> statuses;
        private Optional<Severity> sev;

        @Override
        void checkArguments() {
            if (limit < 1 || limit > 10_000) {
                throw AdminProblem.usage("--limit: " + limit + " is not between 1 and 10000.");
            }
            statuses = status == null
                    ? EnumSet.of(TicketStatus.AWAITING_INFO, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
                    TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.ON_HOLD)
                    : EnumSet.of(Arguments.status(status));
            sev = Optional.ofNullable(severity).map(Arguments::severity);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            List<Ticket> tickets = admin.desks().tickets().queue(statuses, sev, 0, limit);
            if (json) {
                JsonOutput.print(out, tickets.stream().map(t -> JsonOutput.object("number", t.number().value(),
                        "severity", t.severity().map(Severity::level), "status", t.status().name(),
                        "assignee", t.assignee().map(Actor.Staff::name), "subject", t.fields().subject(),
                        "created", t.createdAt())).toList());
                return;
            }
            if (tickets.isEmpty()) {
                out.println("No tickets" + (status == null && severity == null ? " waiting." : " match."));
                return;
            }
            Table table = new Table("TICKET", "SEV", "STATUS", "ASSIGNEE", "SUBJECT");
            for (Ticket t : tickets) {
                table.row(t.number().toString(), t.severity().map(s -> "S" + s.level()).orElse("?"), t.status().name(),
                        t.assignee().map(Actor.Staff::name).orElse("-"), Table.shorten(t.fields().subject(), 80));
            }
            table.print(out);
            out.println(tickets.size() + " ticket(s).");
        }
    }

    /**
     * The JSON form: one object {@code {"number", "subject", "status", "resolution": {"rule", "code"}|null,
     * "severity", "originalSeverity", "escalated", "assignee", "contact": {"name", "email"}|null, "serverUrl",
     * "module", "version", "devices", "steps", "created", "firstResponseDue", "nextUpdateDue", "description"}} (absent
     * values are null).
     */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One ticket's fields and state.")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;
        @Option(names = "--json", description = "One JSON object (its shape: docs/operations.md).")
        boolean json;

        private TicketNumber wanted;

        @Override
        void checkArguments() {
            wanted = Arguments.ticket(number);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            TicketQueries.TicketView view = admin.desks().tickets().view(wanted)
                    .orElseThrow(() -> AdminProblem.notFound("there is no ticket " + wanted + "."));
            Ticket t = view.ticket();
            if (json) {
                JsonOutput.print(out, JsonOutput.object("number", t.number().value(), "subject", t.fields().subject(),
                        "status", t.status().name(),
                        "resolution", t.resolution().map(r -> JsonOutput.object("rule", r.rule(), "code", r.code())),
                        "severity", t.severity().map(Severity::level),
                        "originalSeverity", t.originalSeverity().map(Severity::level), "escalated", t.escalated(),
                        "assignee", t.assignee().map(Actor.Staff::name),
                        "contact", view.contact().map(c -> JsonOutput.object("name", c.name(), "email", c.email().value())),
                        "serverUrl", t.fields().serverUrl(), "module", t.fields().module(),
                        "version", t.fields().version(), "devices", t.fields().affectedDevices(),
                        "steps", t.fields().stepsToReproduce(), "created", t.createdAt(),
                        "firstResponseDue", t.due().firstResponseBy(), "nextUpdateDue", t.due().nextUpdateBy(),
                        "description", t.fields().description()));
                return;
            }
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

    /**
     * The JSON form: one object {@code {"number", "subject", "entries": [...]}}, the entries in time order, each
     * either {@code {"at", "type": "mail", "direction": "in"|"out", "address", "subject", "body", "attachments":
     * [{"filename", "size", "unreadable": string|null}]}} or {@code {"at", "type": "event", "event", "from": status|null,
     * "to": status|null, "actor", "detail"}}.
     */
    @Command(name = "transcript", mixinStandardHelpOptions = true,
            description = "The whole thread and audit log of a ticket, in time order (R7 accesses included).")
    static final class Transcript extends AdminCommand {
        @Parameters(paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;
        @Option(names = "--json", description = "One JSON object (its shape: docs/operations.md).")
        boolean json;

        private TicketNumber wanted;

        private record Entry(Instant at, int order, Map<String, Object> json) {
        }

        @Override
        void checkArguments() {
            wanted = Arguments.ticket(number);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            TicketQueries.TicketHistory history = admin.desks().tickets().history(wanted)
                    .orElseThrow(() -> AdminProblem.notFound("there is no ticket " + wanted + "."));
            Ticket t = history.ticket();
            List<ThreadMessage> thread = admin.mail().thread(t.id());
            if (!json) {
                out.println("Transcript of ticket " + t.number() + ": " + t.fields().subject());
                for (TicketTranscript.Line line : TicketTranscript.lines(thread, history.events())) {
                    out.print(line.at() + "  " + line.text());
                }
                return;
            }
            List<Entry> entries = new ArrayList<>();
            for (ThreadMessage m : thread) {
                boolean in = m.direction() == ThreadMessage.Direction.IN;
                Map<String, Object> json = JsonOutput.object("at", m.at(), "type", "mail", "direction", in ? "in" : "out",
                        "address", m.sender(), "subject", m.subject(), "body", m.body(),
                        "attachments", m.attachments().stream().map(a -> JsonOutput.object("filename", a.filename(),
                                "size", a.size(), "unreadable", a.unreadable())).toList());
                // at the same instant: the mail that caused a change, the change, then our answer to it
                entries.add(new Entry(m.at(), in ? 0 : 2, json));
            }
            for (TicketEvent e : history.events()) {
                entries.add(new Entry(e.at(), 1, JsonOutput.object("at", e.at(), "type", "event", "event", e.kind().name(),
                        "from", e.from().map(TicketStatus::name), "to", e.to().map(TicketStatus::name),
                        "actor", e.actor().label(), "detail", e.detail())));
            }
            entries.sort(Comparator.comparing(Entry::at).thenComparingInt(Entry::order));
            JsonOutput.print(out, JsonOutput.object("number", t.number().value(), "subject", t.fields().subject(),
                    "entries", entries.stream().map(Entry::json).toList()));
        }
    }

    /** R3, R21: declines a request at intake with an exclusion or as outside support ({@code /ticket decline}). */
    @Command(name = "decline", mixinStandardHelpOptions = true,
            description = "Decline a request at intake (R3, R21): resolved with the reason, the customer told why.")
    static final class Decline extends AdminCommand {
        @Parameters(index = "0", paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;
        @Parameters(index = "1", paramLabel = "REASON",
                description = "An exclusion (excluded-integration ... excluded-update-not-installed, R21a-g) or out-of-scope (R3).")
        String reason;
        @Option(names = "--text", defaultValue = "", description = "More words for the customer (optional).")
        String text;

        private TicketNumber wanted;
        private ResolutionReason why;

        @Override
        void checkArguments() {
            wanted = Arguments.ticket(number);
            why = ResolutionReason.parse(reason).orElseThrow(() -> AdminProblem.usage("REASON: resolution reason '"
                    + reason + "' is not one of " + ResolutionReason.accepted() + "."));
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().staffDesk().handle(
                    new StaffCommand.Decline(admin.operator(), wanted, why, text))));
        }
    }

    /**
     * R15, R16, R5: a phone call with the customer ({@code /ticket call}): in the history, a response, and the fields
     * given on the phone fill the ticket's, checked as in a mail.
     */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "Record a phone call with the customer: a response (R15, R16); the fields given fill the ticket's (R5).")
    static final class Call extends AdminCommand {
        @Parameters(paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;
        @Option(names = "--summary", required = true, description = "What was said (required).")
        String summary;
        @Option(names = "--severity", paramLabel = "N", description = "Severity given on the phone, 1 to 4.")
        String severity;
        @Option(names = "--server-url", paramLabel = "URL", description = "Server URL given on the phone.")
        String serverUrl;
        @Option(names = "--module", description = "Module given on the phone.")
        String module;
        @Option(names = "--steps", description = "Steps to reproduce given on the phone.")
        String steps;
        @Option(names = "--devices", description = "Affected devices given on the phone.")
        String devices;
        @Option(names = "--product-version", paramLabel = "VERSION", description = "Version given on the phone.")
        String version;

        private TicketNumber wanted;

        @Override
        void checkArguments() {
            wanted = Arguments.ticket(number);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            IntakeDraft fields = IntakeDraft.empty().with(IntakeField.SEVERITY, severity)
                    .with(IntakeField.SERVER_URL, serverUrl).with(IntakeField.MODULE, module)
                    .with(IntakeField.STEPS_TO_REPRODUCE, steps).with(IntakeField.AFFECTED_DEVICES, devices)
                    .with(IntakeField.VERSION, version);
            out.println(AdminDesks.done(admin.desks().staffDesk().handle(
                    new StaffCommand.RecordCall(admin.operator(), wanted, summary, fields))));
        }
    }

    /** R17: one ticket updated less often, its severity unchanged ({@code /ticket frequency}). */
    @Command(name = "frequency", mixinStandardHelpOptions = true,
            description = "Lower how often a ticket is updated, its severity unchanged (R17); the customer is told.")
    static final class Frequency extends AdminCommand {
        @Parameters(index = "0", paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;
        @Parameters(index = "1", paramLabel = "EVERY", description = "The new interval: 12h, 2d, 1d 12h, 90m or PT12H.")
        String every;
        @Option(names = "--reason", required = true, description = "Why (required), e.g. the contact is away.")
        String reason;

        private TicketNumber wanted;
        private Duration span;

        @Override
        void checkArguments() {
            wanted = Arguments.ticket(number);
            span = Spans.parse(every).orElseThrow(() -> AdminProblem.usage("EVERY: '" + every
                    + "' is not a span; accepted: " + Spans.ACCEPTED + "."));
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().staffDesk().handle(
                    new StaffCommand.LowerUpdateFrequency(admin.operator(), wanted, span, reason))));
        }
    }

    /** R13, R5: a resolved ticket reopened by staff ({@code /ticket reopen}); a closed one is closed for good. */
    @Command(name = "reopen", mixinStandardHelpOptions = true,
            description = "Reopen a resolved ticket (R13); back to awaiting its fields if required ones are missing (R5).")
    static final class Reopen extends AdminCommand {
        @Parameters(paramLabel = "N", description = "Ticket number, e.g. 1042 or #1042.")
        String number;

        private TicketNumber wanted;

        @Override
        void checkArguments() {
            wanted = Arguments.ticket(number);
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            out.println(AdminDesks.done(admin.desks().staffDesk().handle(
                    new StaffCommand.Reopen(admin.operator(), wanted))));
        }
    }
}
