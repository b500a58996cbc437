package io.guichet.discord.console;

import io.guichet.core.desk.Desks;
import io.guichet.core.desk.ThreadDesk;
import io.guichet.core.Problem;

import java.util.List;
import java.util.Optional;

/**
 * Technicians answering by writing in a ticket's thread: a plain message is mailed to the customer as the reply, one
 * starting with {@code //} or {@code note:} stays an internal note (see {@link ThreadDesk}). The bot reacts with
 * {@value #SENT} when it was done, or {@value #REFUSED} and a short reply saying why not. Messages of members without
 * the technician role are not acted on and are recorded; a message seen before (a gateway replay) gets no answer.
 */
public final class ThreadReplies {

    public static final String SENT = "✅";
    public static final String REFUSED = "❌";

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
        return switch (desks.threads().write(input.threadId(), input.messageId(), caller.actor(), input.text())) {
            case ThreadDesk.Written.Done done -> new Reaction(Optional.of(SENT), notSent(input, done.mailed()));
            case ThreadDesk.Written.Refused refused -> new Reaction(Optional.of(REFUSED),
                    Optional.of(DiscordText.safe(why(refused.problems()), ThreadPostRenderer.CONTENT_LIMIT)));
            case ThreadDesk.Written.Duplicate duplicate -> Reaction.none();
            case ThreadDesk.Written.NotATicketThread other -> Reaction.none();
        };
    }

    /** Files attached in Discord are not mailed: said so, with their names. */
    private static Optional<String> notSent(ThreadMessageInput input, boolean mailed) {
        if (input.attachmentNames().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DiscordText.safe((mailed ? "Mailed without the attached files" : "Noted without the attached files")
                + " (Guichet does not send Discord attachments): " + String.join(", ", input.attachmentNames())
                + ". Put them where the customer can fetch them and give the link.", ThreadPostRenderer.CONTENT_LIMIT));
    }

    private static String why(List<Problem> problems) {
        StringBuilder text = new StringBuilder("Not sent.");
        problems.forEach(p -> text.append("\n- ").append(p.detail()));
        return text.toString();
    }
}
