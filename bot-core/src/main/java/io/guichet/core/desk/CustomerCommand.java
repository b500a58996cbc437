package io.guichet.core.desk;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.ticket.TicketNumber;

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
                      boolean asksEscalation) implements CustomerCommand {
    }

    /**
     * A message on an existing ticket: more information (R5), an answer, a reopen (R13), a hold ended (R9), an
     * escalation request (R18). {@code text} is what is new in the message.
     */
    record AddCustomerMessage(EmailAddress from, String senderName, Optional<Language> language, TicketNumber ticket,
                              IntakeDraft draft, String text, boolean asksEscalation) implements CustomerCommand {
    }
}
