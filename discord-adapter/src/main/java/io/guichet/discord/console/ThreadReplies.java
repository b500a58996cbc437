package io.guichet.discord.console;

import io.guichet.core.desk.Desks;
import io.guichet.core.desk.ThreadDesk;
import io.guichet.core.Problem;
import io.guichet.core.mail.MailAttachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Technicians answering by writing in a ticket's thread: a plain message is mailed to the customer as the reply, one
 * starting with {@code //} or {@code note:} stays an internal note (see {@link ThreadDesk}). The bot reacts with
 * {@value #SENT} when it was done, or {@value #REFUSED} and a short reply saying why not. Messages of members without
 * the technician role are not acted on and are recorded; a message seen before (a gateway replay) gets no answer.
 */
public final class ThreadReplies {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplies.class);

    public static final String SENT = "✅";
    public static final String REFUSED = "❌";
    /** The most a reply mail carries in files, in all (a mail server's limit, once base64 has grown them by a third). */
    public static final long MAIL_FILES_LIMIT = 10L * 1024 * 1024;

    private final Desks desks;
    private final StaffRoles roles;

    public ThreadReplies(Desks desks, StaffRoles roles) {
        this.desks = desks;
        this.roles = roles;
    }

    /** How the bot answers a message: a reaction, and a reply when it must say something. */
    public record Reaction(Optional<String> emoji, Optional<String> reply) {
        static Reaction none() {
            return new Reaction(Optional.empty(), Optional.empty());
        }
    }

    public Reaction handle(ThreadMessageInput input) {
        Caller caller = input.caller();
        if (!roles.holds(caller.roleIds(), StaffRoles.Role.TECHNICIAN)) {
            desks.threads().ignored(input.threadId(), input.messageId(), caller.actor());
            return Reaction.none();
        }
        List<MailAttachment> files = List.of();
        if (!input.attachments().isEmpty() && !ThreadDesk.isNote(input.text())) {
            long total = input.attachments().stream().mapToLong(ThreadMessageInput.Attached::size).sum();
            if (total > MAIL_FILES_LIMIT) {
                return new Reaction(Optional.of(REFUSED), Optional.of(DiscordText.safe("Not sent: the attached files are "
                        + "too large to mail (" + sizes(input.attachments()) + "; at most " + mebibytes(MAIL_FILES_LIMIT)
                        + " in all). Put the large ones where the customer can fetch them, give the link, and write "
                        + "again.", ThreadPostRenderer.CONTENT_LIMIT)));
            }
            Optional<List<MailAttachment>> fetched = fetch(input);
            if (fetched.isEmpty()) {
                return new Reaction(Optional.of(REFUSED), Optional.of("Not sent: the attached files could not be "
                        + "fetched from Discord. Write the message again."));
            }
            files = fetched.get();
        }
        return switch (desks.threads().write(input.threadId(), input.messageId(), caller.actor(), input.text(), files)) {
            case ThreadDesk.Written.Done done -> new Reaction(Optional.of(SENT), notSent(input, done.mailed()));
            case ThreadDesk.Written.Refused refused -> new Reaction(Optional.of(REFUSED),
                    Optional.of(DiscordText.safe(why(refused.problems()), ThreadPostRenderer.CONTENT_LIMIT)));
            case ThreadDesk.Written.Duplicate duplicate -> Reaction.none();
            case ThreadDesk.Written.NotATicketThread other -> Reaction.none();
        };
    }

    /** A reply's files go with the mail; a note keeps none: said so, with their names. */
    private static Optional<String> notSent(ThreadMessageInput input, boolean mailed) {
        if (input.attachments().isEmpty() || mailed) {
            return Optional.empty();
        }
        return Optional.of(DiscordText.safe("Noted without the attached files (a note keeps text only): "
                + String.join(", ", input.attachmentNames()) + ".", ThreadPostRenderer.CONTENT_LIMIT));
    }

    private static Optional<List<MailAttachment>> fetch(ThreadMessageInput input) {
        List<MailAttachment> files = new java.util.ArrayList<>();
        for (ThreadMessageInput.Attached attached : input.attachments()) {
            try {
                files.add(new MailAttachment(attached.name().isBlank() ? "attachment" : attached.name(),
                        attached.contentType(), attached.content().fetch()));
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("message {}: attached file {} could not be fetched from Discord: {}", input.messageId(),
                        attached.name(), e.toString());
                return Optional.empty();
            }
        }
        return Optional.of(files);
    }

    private static String sizes(List<ThreadMessageInput.Attached> attached) {
        return String.join(", ", attached.stream().map(a -> a.name() + " " + mebibytes(a.size())).toList());
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String why(List<Problem> problems) {
        StringBuilder text = new StringBuilder("Not sent.");
        problems.forEach(p -> text.append("\n- ").append(p.detail()));
        return text.toString();
    }
}
