package io.guichet.core.testing;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.TicketId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link MailJournal} in memory, with the constraints of the PostgreSQL schema: a receipt is unique by position,
 * by Message-ID and, when it has no Message-ID, by content hash; a thread message is unique by Message-ID; lists
 * come oldest (first recorded) first; a mailbox state is one row per mailbox, replaced on save.
 */
public final class InMemoryMailJournal implements MailJournal {

    /** A receipt and what became of it, for assertions. */
    public record Settled(InboundReceipt receipt, Disposition disposition, Optional<TicketId> ticket, String detail) {
    }

    private final Map<MailPosition, Settled> receipts = new LinkedHashMap<>();
    private final List<ThreadMessage> messages = new ArrayList<>();
    private final List<AutoReply> autoReplies = new ArrayList<>();
    private final Map<String, MailboxState> states = new HashMap<>();

    private record AutoReply(EmailAddress sender, Instant at) {
    }

    @Override
    public synchronized boolean recordReceipt(InboundReceipt receipt) {
        boolean duplicate = receipts.values().stream().map(Settled::receipt).anyMatch(r ->
                r.position().equals(receipt.position())
                        || (receipt.messageId().isPresent() && r.messageId().equals(receipt.messageId()))
                        || (receipt.messageId().isEmpty() && r.messageId().isEmpty()
                        && r.contentHash().equals(receipt.contentHash())));
        if (duplicate) {
            return false;
        }
        receipts.put(receipt.position(), new Settled(receipt, Disposition.RECEIVED, Optional.empty(), ""));
        return true;
    }

    @Override
    public synchronized void settle(MailPosition position, Disposition disposition, Optional<TicketId> ticket,
                                    String detail) {
        receipts.computeIfPresent(position, (p, s) -> new Settled(s.receipt(), disposition, ticket, detail));
    }

    @Override
    public synchronized Optional<Disposition> dispositionAt(MailPosition position) {
        return Optional.ofNullable(receipts.get(position)).map(Settled::disposition);
    }

    @Override
    public synchronized void recordMessage(ThreadMessage message) {
        if (messages.stream().noneMatch(m -> m.messageId().equals(message.messageId()))) {
            messages.add(message);
        }
    }

    @Override
    public synchronized Optional<TicketId> ticketOf(Collection<String> messageIds) {
        Set<String> wanted = Set.copyOf(messageIds);
        return messages.stream()
                .filter(m -> wanted.contains(m.messageId()))
                .flatMap(m -> m.ticket().stream())
                .findFirst();
    }

    @Override
    public synchronized List<String> threadIds(TicketId ticket) {
        return thread(ticket).stream().map(ThreadMessage::messageId).toList();
    }

    @Override
    public synchronized List<ThreadMessage> thread(TicketId ticket) {
        return messages.stream().filter(m -> m.ticket().equals(Optional.of(ticket)))
                .sorted(java.util.Comparator.comparing(ThreadMessage::at)
                        .thenComparing(m -> m.direction() == ThreadMessage.Direction.OUT))
                .toList();
    }

    @Override
    public synchronized void recordAutoReply(EmailAddress sender, Instant at) {
        autoReplies.add(new AutoReply(sender, at));
    }

    @Override
    public synchronized int autoRepliesSince(EmailAddress sender, Instant since) {
        return (int) autoReplies.stream().filter(r -> r.sender().equals(sender) && !r.at().isBefore(since)).count();
    }

    @Override
    public synchronized Optional<MailboxState> mailboxState(String mailbox) {
        return Optional.ofNullable(states.get(mailbox));
    }

    @Override
    public synchronized void saveMailboxState(MailboxState state) {
        states.put(state.mailbox(), state);
    }

    /** Every receipt, in the order recorded. */
    public synchronized List<Settled> receipts() {
        return List.copyOf(receipts.values());
    }
}
