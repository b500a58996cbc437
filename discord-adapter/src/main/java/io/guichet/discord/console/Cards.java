package io.guichet.discord.console;

import io.guichet.core.Problem;
import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.desk.DirectoryOutcome;
import io.guichet.core.desk.StaffOutcome;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Tickets, outcomes and problems drawn as answers. All text passes through {@link Answer}'s limits. */
final class Cards {

    static final int RED = 0xD32F2F;
    static final int ORANGE = 0xF57C00;
    static final int BLUE = 0x1976D2;
    static final int GREY = 0x757575;
    static final int GREEN = 0x388E3C;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Cards() {
    }

    static Answer outcome(StaffOutcome outcome) {
        return switch (outcome) {
            case StaffOutcome.Done done -> Answer.text(done.summary());
            case StaffOutcome.Refused refused -> refused(refused.problems());
            case ConcurrentChange change -> Answer.text("Nothing changed: ticket " + change.ticket()
                    + " changed meanwhile (someone else acted on it). Look at it again and try again.");
        };
    }

    static Answer outcome(DirectoryOutcome outcome) {
        return switch (outcome) {
            case DirectoryOutcome.Done done -> Answer.text(done.summary());
            case DirectoryOutcome.Refused refused -> refused(refused.problems());
        };
    }

    /** Every problem on its own line: what was wrong and what is accepted. */
    static Answer refused(List<Problem> problems) {
        StringBuilder text = new StringBuilder("Nothing changed.");
        for (Problem p : problems) {
            text.append("\n- ").append(p.detail());
        }
        return Answer.text(text.toString());
    }

    static String status(TicketStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String severity(Optional<Severity> severity) {
        return severity.map(s -> "S" + s.level()).orElse("S?");
    }

    /** A Discord timestamp: every reader sees it in their own time zone, relative to now. */
    static String when(Instant at) {
        return "<t:" + at.getEpochSecond() + ":R>";
    }

    static String stamp(Instant at) {
        return STAMP.format(at);
    }

    static int color(Ticket ticket) {
        if (!ticket.status().active()) {
            return GREEN;
        }
        return ticket.severity().map(s -> switch (s) {
            case S1 -> RED;
            case S2 -> ORANGE;
            case S3, S4 -> BLUE;
        }).orElse(GREY);
    }

    /** The whole ticket for {@code /ticket show}. Customer text (subject, description...) is relayed mail: defused by {@link Answer}. */
    static Answer.Embed card(Ticket t, Optional<Contact> contact, Optional<Account> account, LocalDate today) {
        List<Answer.Field> fields = new ArrayList<>();
        fields.add(new Answer.Field("Status", status(t.status())
                + t.resolution().map(r -> " (" + r.code() + ", " + r.rule() + ")").orElse(""), true));
        fields.add(new Answer.Field("Severity", severity(t.severity())
                + t.originalSeverity().filter(o -> !t.severity().equals(Optional.of(o)))
                .map(o -> " (was S" + o.level() + ")").orElse(""), true));
        fields.add(new Answer.Field("Assignee", t.assignee().map(Actor.Staff::name).orElse("unclaimed"), true));
        fields.add(new Answer.Field("Account", account.map(Account::name).orElse("?"), true));
        fields.add(new Answer.Field("Contact", contact.map(c -> c.name() + " <" + c.email() + ">"
                + (c.certifiedOn(today) ? " - certified" : "")).orElse("?"), true));
        fields.add(new Answer.Field("Escalated", t.escalated() ? "yes (R18)" : "no", true));
        t.due().earliest().ifPresent(due -> fields.add(new Answer.Field("Next target", when(due), true)));
        fields.add(new Answer.Field("Server URL", t.fields().serverUrl().orElse("missing"), false));
        fields.add(new Answer.Field("Module", t.fields().module().orElse("missing"), true));
        fields.add(new Answer.Field("Version", t.fields().version().orElse("missing"), true));
        fields.add(new Answer.Field("Affected devices", t.fields().affectedDevices().orElse("missing"), false));
        fields.add(new Answer.Field("Steps to reproduce", t.fields().stepsToReproduce().orElse("missing"), false));
        return new Answer.Embed(t.number() + " " + t.fields().subject(), t.fields().description(), fields,
                Optional.of("Opened " + stamp(t.createdAt()) + ", updated " + stamp(t.updatedAt())), color(t));
    }

    /** One line of the queue. */
    static String queueLine(Ticket t, LocalDate today) {
        StringBuilder line = new StringBuilder("**").append(t.number()).append("** ")
                .append(severity(t.severity())).append(" - ").append(status(t.status()));
        if (t.submitterCertifiedOn(today)) {
            line.append(" - certified");
        }
        if (t.escalated()) {
            line.append(" - escalated");
        }
        line.append(" - ").append(t.assignee().map(Actor.Staff::name).orElse("unclaimed"));
        t.due().earliest().ifPresent(due -> line.append(" - due ").append(when(due)));
        String subject = t.fields().subject().isBlank() ? "(no subject)" : t.fields().subject();
        line.append("\n").append(DiscordText.cut(subject.replaceAll("\\s+", " "), 120));
        return line.toString();
    }

    /** The audit trail, newest kept when it does not all fit. */
    static Answer.Embed history(Ticket t, List<TicketEvent> events) {
        List<String> lines = new ArrayList<>();
        int room = DiscordText.EMBED_DESCRIPTION - 40;
        int shown = 0;
        for (int i = events.size() - 1; i >= 0; i--) {
            String line = eventLine(events.get(i));
            if (room - line.length() - 1 < 0) {
                break;
            }
            room -= line.length() + 1;
            lines.add(0, line);
            shown++;
        }
        if (shown < events.size()) {
            lines.add(0, "(" + (events.size() - shown) + " older events not shown)");
        }
        return new Answer.Embed("History of " + t.number() + " (" + events.size() + " events)",
                lines.isEmpty() ? "No events." : String.join("\n", lines), List.of(), Optional.empty(), color(t));
    }

    private static String eventLine(TicketEvent e) {
        StringBuilder line = new StringBuilder("`").append(stamp(e.at())).append("` **")
                .append(e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("** ")
                .append(e.actor().label());
        if (e.from().isPresent() && e.to().isPresent()) {
            line.append(" (").append(status(e.from().get())).append(" -> ").append(status(e.to().get())).append(")");
        }
        if (!e.detail().isBlank()) {
            line.append(": ").append(DiscordText.cut(e.detail().replaceAll("\\s+", " "), 300));
        }
        return line.toString();
    }
}
