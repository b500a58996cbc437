package io.guichet.core.mail;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inbound receipts, ticket threads, automatic-reply counts and mailbox positions. */
public interface MailJournal {

    /**
     * Records a receipt; false when this mail was already recorded: a receipt at the same position, or one with the
     * same Message-ID (or both none), sender and content hash that was not released. Mails with the same Message-ID
     * are recorded one after the other, so that the second sees the first (as a duplicate, or as a reuse).
     */
    boolean recordReceipt(InboundReceipt receipt);

    /**
     * Whether another mail (another sender or content) came with the same Message-ID as {@code receipt}: a reuse,
     * by a careless client or on purpose. False without a Message-ID; released receipts do not count.
     */
    boolean messageIdReused(InboundReceipt receipt);

    /** Says what became of a recorded mail. */
    /**
     * The mail at {@code position}, answered under {@code correlationId}, came in through the support address
     * {@code mailbox}: the ticket it was settled with ({@link #settle}) remembers that address when it has none yet,
     * and the mail enqueued in answer goes out From the ticket's address (from {@code mailbox} when it answers no
     * ticket). In the transaction that handled the mail, after it was settled, before its commit.
     */
    void cameThrough(EmailAddress mailbox, String correlationId, MailPosition position);

    void settle(MailPosition position, Disposition disposition, Optional<TicketId> ticket, String detail);

    /** The disposition of the receipt at a position, if recorded. */
    Optional<Disposition> dispositionAt(MailPosition position);

    /** Adds a mail to a ticket's thread (ignored when its Message-ID is already there). */
    void recordMessage(ThreadMessage message);

    /** {@link #recordMessage} for each, in order. */
    default void recordMessages(List<ThreadMessage> messages) {
        messages.forEach(this::recordMessage);
    }

    /**
     * Claims {@code id} for a message about to be kept (in the caller's transaction): false when a thread already holds
     * a message under it, or another transaction claimed it and committed. Two claims of the same id wait for each
     * other, so of a message submitted twice at once one only is handled; the message must be kept under {@code id}
     * before the transaction commits for the claim to last.
     */
    boolean claimMessageId(MessageId id);

    /** The ticket whose thread holds any of these Message-IDs (In-Reply-To, References). */
    Optional<TicketId> ticketOf(Collection<MessageId> messageIds);

    /** The Message-IDs of a ticket's thread, oldest first (a mail before our answer to it), for References. */
    List<MessageId> threadIds(TicketId ticket);

    /** {@link #threadIds} of several tickets, by ticket; a ticket without mail maps to an empty list. */
    default Map<TicketId, List<MessageId>> threadIds(Collection<TicketId> tickets) {
        Map<TicketId, List<MessageId>> threads = new LinkedHashMap<>();
        tickets.forEach(t -> threads.put(t, threadIds(t)));
        return threads;
    }

    /** The thread of a ticket, oldest first. */
    List<ThreadMessage> thread(TicketId ticket);

    /**
     * The mail exchanged with {@code address} since {@code since}, in and out, on any ticket or none, oldest first:
     * for recognising a loop of new conversations with an autoresponder.
     */
    List<ThreadMessage> exchangedWith(String address, Instant since);

    /** Records an automatic reply sent to {@code sender}. */
    void recordAutoReply(EmailAddress sender, Instant at);

    /** {@link #recordAutoReply} for each (an address may come several times: one reply each). */
    default void recordAutoReplies(List<EmailAddress> senders, Instant at) {
        senders.forEach(sender -> recordAutoReply(sender, at));
    }

    /** How many automatic replies went to {@code sender} since {@code since} (per-sender cap). */
    int autoRepliesSince(EmailAddress sender, Instant since);

    /** {@link #autoRepliesSince} of several addresses, by address (0 included). */
    default Map<EmailAddress, Integer> autoRepliesSince(Collection<EmailAddress> senders, Instant since) {
        Map<EmailAddress, Integer> counts = new LinkedHashMap<>();
        senders.forEach(sender -> counts.put(sender, autoRepliesSince(sender, since)));
        return counts;
    }

    Optional<MailboxState> mailboxState(String mailbox);

    void saveMailboxState(MailboxState state);

    /** The last UID handled in a mailbox under its UIDVALIDITY. */
    record MailboxState(String mailbox, long uidValidity, long lastUid, Instant updatedAt) {
    }
}
