package io.guichet.discord.console;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The words of a ticket's staff thread: its title, its first post (the intake fields) and one post per thread post
 * of the core. A post longer than Discord's 2,000 characters is cut, with the whole text attached as a file. The only
 * people ever pinged are those named in {@link Post#pinged}: the technician who holds the ticket and those who
 * subscribed, when the customer writes; everything else is defused.
 */
public final class ThreadPostRenderer {

    /** Discord's limit on a thread's name. */
    public static final int TITLE_LIMIT = 100;
    /** Discord's limit on a message's content. */
    public static final int CONTENT_LIMIT = 2000;
    /** Discord's limit on one uploaded file (without a server boost). */
    public static final long UPLOAD_LIMIT = 10L * 1024 * 1024;
    /** Discord's limit on the files of one message. */
    public static final int FILES_LIMIT = 10;
    private static final String DISCORD_ID = "discord:";

    /**
     * A message for the thread: content within Discord's limit, the whole text as a file when it was cut, the user
     * ids it pings, and its buttons.
     */
    public record Post(String content, List<Attachment> attachments, List<String> pinged, List<Answer.Button> buttons) {
        public Post {
            attachments = List.copyOf(attachments);
            pinged = List.copyOf(pinged);
            buttons = List.copyOf(buttons);
        }

        Post(String content, List<Attachment> attachments, List<String> pinged) {
            this(content, attachments, pinged, List.of());
        }

        public Post withButtons(List<Answer.Button> more) {
            return new Post(content, attachments, pinged, more);
        }

        Post withFiles(List<Attachment> more) {
            return new Post(content, java.util.stream.Stream.concat(attachments.stream(), more.stream()).toList(),
                    pinged, buttons);
        }
    }

    /** A file sent with a post. */
    public record Attachment(String name, byte[] data) {
    }

    /** "#number · S<severity> · subject", within Discord's 100 characters. */
    public String title(Ticket t) {
        String subject = t.fields().subject().isBlank() ? "(no subject)" : t.fields().subject().strip();
        String severity = t.severity().map(s -> "S" + s.level()).orElse("S?");
        return DiscordText.cut((t.number() + " · " + severity + " · " + subject).replaceAll("\\s+", " "), TITLE_LIMIT);
    }

    /** The thread's first post: who opened it and the intake fields. */
    public Post opening(Ticket t) {
        StringBuilder text = new StringBuilder();
        text.append("**").append(t.number()).append(" ").append(t.fields().subject()).append("**\n")
                .append("Severity ").append(Cards.severity(t.severity())).append(", ").append(Cards.status(t.status()))
                .append(t.escalated() ? ", escalated (R18)" : "").append('\n')
                .append("Server URL: ").append(t.fields().serverUrl().orElse("missing")).append('\n')
                .append("Module: ").append(t.fields().module().orElse("missing")).append('\n')
                .append("Version: ").append(t.fields().version().orElse("missing")).append('\n')
                .append("Affected devices: ").append(t.fields().affectedDevices().orElse("missing")).append('\n')
                .append("Steps to reproduce: ").append(t.fields().stepsToReproduce().orElse("missing")).append('\n')
                .append('\n').append(t.fields().description().strip()).append('\n')
                .append("\n-# Write here to answer the customer by mail; start with `//` or `note:` for an internal note.");
        return cutToFit(DiscordText.defuse(text.toString()), "ticket-" + t.number().value() + ".txt", List.of())
                .withButtons(List.of(
                        new Answer.Button(new ButtonAction.Claim(t.number()).id(), "Claim", Answer.Button.Style.PRIMARY, false),
                        new Answer.Button(new ButtonAction.Subscribe(t.number()).id(), "Subscribe",
                                Answer.Button.Style.SECONDARY, false)));
    }

    /** One thread post of the core, as the thread shows it, with no subscribers. */
    public Post render(StaffNotice.ThreadPost post) {
        return render(post, List.of());
    }

    /**
     * One thread post of the core; the customer's mail pings the technician holding the ticket and the
     * {@code subscribers} (staff ids; only Discord members can be pinged).
     */
    public Post render(StaffNotice.ThreadPost post, List<String> subscribers) {
        Ticket t = post.ticket();
        if (post.event() == EventKind.CREATED) {
            Files files = files(post.attachments());
            if (files.named().isEmpty()) {
                return opening(t).withFiles(files.uploaded());
            }
            Post opening = opening(t);
            String note = "\n-# Not uploaded, see the ticket: " + DiscordText.defuse(String.join(", ", files.named()));
            String content = opening.content().length() + note.length() <= CONTENT_LIMIT ? opening.content() + note
                    : opening.content();
            return new Post(content, opening.attachments(), opening.pinged(), opening.buttons()).withFiles(files.uploaded());
        }
        if (post.event() == EventKind.CUSTOMER_MESSAGE) {
            List<String> pinged = java.util.stream.Stream.concat(holder(t).stream(),
                            subscribers.stream().flatMap(id -> discordUser(id).stream()))
                    .distinct().toList();
            StringBuilder text = new StringBuilder();
            pinged.forEach(id -> text.append("<@").append(id).append("> "));
            text.append("**").append(DiscordText.defuse(who(post.actor()))).append(" wrote:**\n")
                    .append(DiscordText.defuse(post.text().strip()));
            Files files = files(post.attachments());
            if (!files.named().isEmpty()) {
                text.append("\n-# Not uploaded, see the ticket: ").append(DiscordText.defuse(String.join(", ", files.named())));
            }
            return cutToFit(text.toString(), "message.txt", pinged).withFiles(files.uploaded());
        }
        if (post.event() == EventKind.ASSIGNED) {
            // the new holder is named and pinged (as the holder is when the customer writes)
            List<String> pinged = holder(t).stream().toList();
            String mention = pinged.stream().map(id -> "<@" + id + "> ").findFirst().orElse("");
            String line = "**Assigned to " + t.assignee().map(Actor.Staff::name).orElse("?") + "** by "
                    + who(post.actor()) + (post.text().isBlank() ? "" : ": " + post.text().strip());
            return cutToFit(mention + DiscordText.defuse(line), "change.txt", pinged);
        }
        String detail = post.text().isBlank() ? "" : ": " + post.text().strip();
        String line = "**" + what(post.event(), t) + "** by " + who(post.actor()) + detail;
        return cutToFit(DiscordText.defuse(line), "change.txt", List.of());
    }

    private static Optional<String> holder(Ticket t) {
        return t.assignee().map(Actor.Staff::id).flatMap(ThreadPostRenderer::discordUser);
    }

    private static Optional<String> discordUser(String staffId) {
        return staffId.startsWith(DISCORD_ID) ? Optional.of(staffId.substring(DISCORD_ID.length())) : Optional.empty();
    }

    private static String what(EventKind kind, Ticket t) {
        return switch (kind) {
            case INTAKE_COMPLETED -> "Intake complete, in the queue";
            case CLAIMED -> "Claimed";
            case UNCLAIMED -> "Back in the queue";
            case ASKED_CUSTOMER -> "Asked the customer, waiting";
            case PUT_ON_HOLD -> "On hold";
            case RESUMED -> "Resumed";
            case RESOLVED -> "Resolved";
            case REOPENED -> "Reopened";
            case CLOSED -> "Closed";
            case SEVERITY_CHANGED -> "Severity now " + Cards.severity(t.severity());
            case ESCALATED -> "Escalated";
            case TARGET_BREACHED -> "Target missed";
            case UPDATE_INTERVAL_CHANGED -> "Update frequency lowered";
            case PHONE_CALL -> "Phone call";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    /** An actor label ("staff:discord:1 tess", "customer:bob@...", "system") as a person reads it. */
    private static String who(String label) {
        if (label.startsWith("staff:")) {
            Actor.Staff staff = Actor.Staff.parseStored(label.substring("staff:".length()));
            return staff.name();
        }
        if (label.startsWith("customer:")) {
            return label.substring("customer:".length()) + " (customer)";
        }
        return label.isBlank() ? "Guichet" : label;
    }

    /** A mail's files: those uploaded with the post, and those only named (with why). */
    private record Files(List<Attachment> uploaded, List<String> named) {
    }

    /**
     * Within Discord's 10 MiB per file and 10 files per message (one kept for the cut text's file); a file too large,
     * one the mail parser did not keep, and an unreadable one are named instead.
     */
    private static Files files(List<ThreadMessage.StoredAttachment> attachments) {
        List<Attachment> uploaded = new java.util.ArrayList<>();
        List<String> named = new java.util.ArrayList<>();
        for (ThreadMessage.StoredAttachment a : attachments) {
            String name = a.filename().isBlank() ? "attachment" : a.filename();
            if (a.unreadable().isPresent()) {
                named.add(name + " (could not be read)");
            } else if (a.size() > UPLOAD_LIMIT) {
                named.add(name + " (" + mebibytes(a.size()) + ", over Discord's 10 MiB per file)");
            } else if (a.content().isEmpty()) {
                named.add(name + " (" + mebibytes(a.size()) + ", too large for Guichet to keep)");
            } else if (uploaded.size() >= FILES_LIMIT - 1) {
                named.add(name + " (" + mebibytes(a.size()) + ", more than " + (FILES_LIMIT - 1) + " files)");
            } else {
                uploaded.add(new Attachment(name, a.content().get()));
            }
        }
        return new Files(uploaded, named);
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static Post cutToFit(String text, String fileName, List<String> pinged) {
        if (text.length() <= CONTENT_LIMIT) {
            return new Post(text, List.of(), pinged);
        }
        String note = "\n-# Cut: the whole text is attached.";
        return new Post(DiscordText.cut(text, CONTENT_LIMIT - note.length()) + note,
                List.of(new Attachment(fileName, text.getBytes(StandardCharsets.UTF_8))), pinged);
    }
}
