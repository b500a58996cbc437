package io.guichet.core.desk;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.TicketNumber;

import java.util.List;
import java.util.Optional;

/** What a customer asks of the desk, whatever the channel. */
public sealed interface CustomerCommand {

    /** The sender as the channel authenticated it. */
    EmailAddress from();

    /** The sender's display name, for answers to unknown senders. */
    String senderName();

    /** The language the message is written in, when the channel could tell; used when the sender is not a contact. */
    Optional<Language> language();

    /**
     * A new request (R2, R4). {@code asksEscalation}: the message asks for a manager (R18).
     */
    record OpenTicket(EmailAddress from, String senderName, Optional<Language> language, IntakeDraft draft,
                      boolean asksEscalation, List<ThreadMessage.StoredAttachment> attachments) implements CustomerCommand {

        public OpenTicket {
            attachments = List.copyOf(attachments);
        }

        /** A request without files (a web form, a test). */
        public OpenTicket(EmailAddress from, String senderName, Optional<Language> language, IntakeDraft draft,
                          boolean asksEscalation) {
            this(from, senderName, language, draft, asksEscalation, List.of());
        }
    }

    /**
     * A message on an existing ticket: more information (R5), an answer, a reopen (R13), a hold ended (R9), an
     * escalation request (R18). {@code text} is what is new in the message; {@code attachments} its files (relayed
     * to the ticket's staff thread).
     */
    record AddCustomerMessage(EmailAddress from, String senderName, Optional<Language> language, TicketNumber ticket,
                              IntakeDraft draft, String text, boolean asksEscalation,
                              List<ThreadMessage.StoredAttachment> attachments) implements CustomerCommand {

        public AddCustomerMessage {
            attachments = List.copyOf(attachments);
        }

        /** A message without files (a web page's form, a test). */
        public AddCustomerMessage(EmailAddress from, String senderName, Optional<Language> language, TicketNumber ticket,
                                  IntakeDraft draft, String text, boolean asksEscalation) {
            this(from, senderName, language, ticket, draft, text, asksEscalation, List.of());
        }
    }
}
