package io.guichet.core.desk;

import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;

import java.util.List;
import java.util.Optional;

/** What the support staff must hear about, as data; the staff channel renders it. */
public sealed interface StaffNotice {

    Ticket ticket();

    /** R14, R18: a new severity-1 ticket. */
    record NewSeverityOne(Ticket ticket) implements StaffNotice {
    }

    /** R18: escalated, automatically or at the customer's request. */
    record Escalation(Ticket ticket, String reason) implements StaffNotice {
    }

    /** R15, R16: a response target was missed. */
    record TargetBreached(Ticket ticket, String target) implements StaffNotice {
    }

    /**
     * A loop with a naive autoresponder (new mail each time, no reply headers) was stopped: the tickets it opened stay,
     * its further mail is recorded and not answered. {@code ticket} is the last one it opened.
     */
    record LoopStopped(Ticket ticket, String detail) implements StaffNotice {
    }

    /** R6, R11, R17: the severity was lowered. */
    record Downgraded(Ticket ticket, Severity from, Severity to, String reason) implements StaffNotice {
    }

    /**
     * A line for the ticket's own thread: {@link EventKind#CREATED} opens it (the intake fields as its first post),
     * {@link EventKind#CUSTOMER_MESSAGE} relays the customer's words ({@code text}), {@link EventKind#CLOSED} archives
     * it, {@link EventKind#REOPENED} brings it back; any other kind is a change, said in {@code text}.
     * {@code actor} is who did it ({@code Actor.label()}); {@code attachments} are the customer mail's files (none
     * for a change). {@code asPosted} is the post as it was rendered when the change was made, kept by the outbox: a
     * post delivered late (Discord refused it, it was retried) shows the ticket as it was then, not as it is now.
     */
    record ThreadPost(Ticket ticket, EventKind event, String actor, String text,
                      List<ThreadMessage.StoredAttachment> attachments, Optional<AsPosted> asPosted)
            implements StaffNotice {

        public ThreadPost {
            attachments = List.copyOf(attachments);
        }

        /** A post without files, rendered when delivered. */
        public ThreadPost(Ticket ticket, EventKind event, String actor, String text) {
            this(ticket, event, actor, text, List.of(), Optional.empty());
        }

        /** This post with its rendering as of now. */
        public ThreadPost rendered(AsPosted rendered) {
            return new ThreadPost(ticket, event, actor, text, attachments, Optional.of(rendered));
        }
    }

    /**
     * R13: a ticket closed for good; its transcript (fields, mails both ways, events, internal notes marked) goes to the
     * staff's log channel as a file. {@code asPosted} is the transcript as rendered in the closing transaction (a one-line
     * summary, the file), kept by the outbox; an outbox that keeps no transcripts (no log channel) drops the notice.
     */
    record Transcript(Ticket ticket, Optional<AsPosted> asPosted) implements StaffNotice {

        /** A transcript to be rendered by the outbox that keeps it. */
        public Transcript(Ticket ticket) {
            this(ticket, Optional.empty());
        }
    }

    /**
     * A thread post as the chat shows it, rendered when its change was made: its text, the chat user ids it pings, and
     * the files uploaded with it.
     */
    record AsPosted(String content, List<String> pinged, List<PostedFile> files) {
        public AsPosted {
            pinged = List.copyOf(pinged);
            files = List.copyOf(files);
        }
    }

    /** A file uploaded with a thread post. */
    record PostedFile(String name, byte[] data) {
    }
}
