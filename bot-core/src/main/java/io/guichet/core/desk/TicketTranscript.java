package io.guichet.core.desk;

import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A ticket's whole history as text: its mails in and out and its events (internal notes marked as such, R7 accesses
 * included), in time order. The command line prints it ({@code guichet tickets transcript}); a closed ticket's
 * transcript is posted to the staff's log channel as a file ({@link StaffNotice.Transcript}).
 */
public final class TicketTranscript {

    /** The largest file posted: Discord takes files up to 10 MiB. */
    public static final int MAX_FILE = 10 * 1024 * 1024 - 1024;

    /**
     * One entry: {@code order} breaks ties at the same instant (the mail that caused a change, the change, then our
     * answer to it); {@code text} ends with a line break.
     */
    public record Line(Instant at, int order, String text) {
    }

    private TicketTranscript() {
    }

    /** The entries of {@code thread} and {@code events}, in time order. */
    public static List<Line> lines(List<ThreadMessage> thread, List<TicketEvent> events) {
        List<Line> lines = new ArrayList<>();
        for (ThreadMessage m : thread) {
            boolean in = m.direction() == ThreadMessage.Direction.IN;
            StringBuilder text = new StringBuilder((in ? "mail from " : "mail to ") + m.sender() + ": " + m.subject() + "\n");
            m.body().strip().lines().forEach(line -> text.append("    ").append(line).append('\n'));
            m.attachments().forEach(a -> text.append("    [attachment ").append(a.filename()).append(", ")
                    .append(a.size()).append(" bytes").append(a.unreadable().map(r -> ", unreadable: " + r).orElse(""))
                    .append("]\n"));
            lines.add(new Line(m.at(), in ? 0 : 2, text.toString()));
        }
        for (TicketEvent e : events) {
            String move = e.from().isPresent() && e.to().isPresent() && e.from().get() != e.to().get()
                    ? " (" + e.from().get() + " -> " + e.to().get() + ")" : "";
            String kind = e.kind() == EventKind.NOTE ? "NOTE (internal, never sent to the customer)" : e.kind().name();
            lines.add(new Line(e.at(), 1, kind + move + " by " + e.actor().label()
                    + (e.detail().isBlank() ? "" : ": " + e.detail()) + "\n"));
        }
        lines.sort(Comparator.comparing(Line::at).thenComparingInt(Line::order));
        return lines;
    }

    /** The whole transcript of {@code ticket}: a heading, its fields, then every entry. */
    public static String render(Ticket ticket, List<ThreadMessage> thread, List<TicketEvent> events) {
        StringBuilder out = new StringBuilder();
        out.append("Transcript of ticket ").append(ticket.number()).append(": ").append(ticket.fields().subject())
                .append('\n');
        field(out, "status", ticket.status() + ticket.resolution().map(r -> " (" + r.rule() + " " + r.code() + ")")
                .orElse(""));
        field(out, "severity", ticket.severity().map(s -> "" + s.level()).orElse("not given")
                + ticket.originalSeverity().filter(o -> !ticket.severity().equals(Optional.of(o)))
                .map(o -> " (originally " + o.level() + ")").orElse("") + (ticket.escalated() ? ", escalated" : ""));
        field(out, "assignee", ticket.assignee().map(Actor.Staff::name).orElse("-"));
        field(out, "server URL", ticket.fields().serverUrl().orElse("-"));
        field(out, "module", ticket.fields().module().orElse("-"));
        field(out, "version", ticket.fields().version().orElse("-"));
        field(out, "devices", ticket.fields().affectedDevices().orElse("-"));
        field(out, "steps", ticket.fields().stepsToReproduce().orElse("-"));
        field(out, "created", ticket.createdAt().toString());
        ticket.resolvedAt().ifPresent(at -> field(out, "resolved", at.toString()));
        ticket.closedAt().ifPresent(at -> field(out, "closed", at.toString()));
        out.append('\n');
        ticket.fields().description().strip().lines().forEach(line -> out.append("    ").append(line).append('\n'));
        out.append('\n');
        for (Line line : lines(thread, events)) {
            out.append(line.at()).append("  ").append(line.text());
        }
        return out.toString();
    }

    /** One line saying what the file is: the ticket, its subject, how it ended and by whom, and how much it holds. */
    public static String summary(Ticket ticket, List<ThreadMessage> thread, List<TicketEvent> events) {
        long in = thread.stream().filter(m -> m.direction() == ThreadMessage.Direction.IN).count();
        long out = thread.size() - in;
        long notes = events.stream().filter(e -> e.kind() == EventKind.NOTE).count();
        Optional<String> resolvedBy = events.stream().filter(e -> e.kind() == EventKind.RESOLVED)
                .reduce((first, second) -> second)
                .map(e -> e.actor() instanceof Actor.Staff staff ? staff.name() : e.actor().label());
        return "Ticket " + ticket.number() + " closed: " + ticket.fields().subject()
                + " (" + ticket.severity().map(s -> "S" + s.level()).orElse("no severity")
                + ticket.resolution().map(r -> ", resolved " + r.code()).orElse("")
                + resolvedBy.map(by -> " by " + by).orElse("")
                + "; " + count(in, "mail") + " in, " + out + " out, " + count(notes, "note") + ")";
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The transcript as the file posted to the log channel, cut to {@link #MAX_FILE} bytes. */
    public static StaffNotice.AsPosted posted(Ticket ticket, List<ThreadMessage> thread, List<TicketEvent> events) {
        return new StaffNotice.AsPosted(summary(ticket, thread, events), List.of(), List.of(new StaffNotice.PostedFile(
                fileName(ticket), fitted(render(ticket, thread, events), ticket, MAX_FILE))));
    }

    /**
     * {@code text} in UTF-8, at most {@code max} bytes: a longer one is cut (never inside a character) and ends with a
     * line saying where the whole history is.
     */
    static byte[] fitted(String text, Ticket ticket, int max) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (data.length <= max) {
            return data;
        }
        byte[] note = ("\n[cut at " + max + " bytes: the whole history is shown by `guichet tickets transcript "
                + ticket.number().value() + "`]\n").getBytes(StandardCharsets.UTF_8);
        int end = Math.max(0, max - note.length);
        while (end > 0 && (data[end] & 0xC0) == 0x80) {
            end--; // not inside a character
        }
        byte[] cut = java.util.Arrays.copyOf(data, end + note.length);
        System.arraycopy(note, 0, cut, end, note.length);
        return cut;
    }

    /** {@code ticket-1042-transcript.txt}. */
    public static String fileName(Ticket ticket) {
        return "ticket-" + ticket.number().value() + "-transcript.txt";
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  ").append(name).append(" ".repeat(Math.max(1, 12 - name.length()))).append(value).append('\n');
    }
}
