package io.guichet.core.testing;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailFailures;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.mail.QuarantinedMail;
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
 * {@link MailJournal}, {@link MailFailures} and {@link Quarantine} in memory, with the constraints of the PostgreSQL
 * schema: a receipt is unique by position, and by Message-ID (or none), sender and content hash unless released; a
 * thread message is unique by Message-ID; lists come oldest (first recorded) first; a mailbox state is one row per
 * mailbox, replaced on save; failed attempts are counted by position.
 */
public final class InMemoryMailJournal implements MailJournal, MailFailures, Quarantine {

    /** A receipt and what became of it, for assertions. */
    public record Settled(long id, InboundReceipt receipt, Disposition disposition, Optional<TicketId> ticket,
                          String detail, Optional<Instant> releasedAt) {
    }

    private record Failure(int attempts, String reason) {
    }

    private final Map<MailPosition, Settled> receipts = new LinkedHashMap<>();
    private final Map<MailPosition, Failure> failures = new HashMap<>();
    private long nextId = 1;
    private final List<ThreadMessage> messages = new ArrayList<>();
    private final List<AutoReply> autoReplies = new ArrayList<>();
    private final Map<String, MailboxState> states = new HashMap<>();
    private final Map<TicketId, EmailAddress> ticketMailboxes = new HashMap<>();

    private record AutoReply(EmailAddress sender, Instant at) {
    }

    @Override
    public synchronized boolean recordReceipt(InboundReceipt receipt) {
        boolean duplicate = receipts.values().stream().anyMatch(s -> s.receipt().position().equals(receipt.position())
                || (s.disposition() != Disposition.RELEASED && sameMail(s.receipt(), receipt)));
        if (duplicate) {
            return false;
        }
        receipts.put(receipt.position(), new Settled(nextId++, receipt, Disposition.RECEIVED, Optional.empty(), "",
                Optional.empty()));
        return true;
    }

    private static boolean sameMail(InboundReceipt a, InboundReceipt b) {
        return a.messageId().equals(b.messageId()) && a.sender().equals(b.sender())
                && a.contentHash().equals(b.contentHash());
    }

    @Override
    public synchronized boolean messageIdReused(InboundReceipt receipt) {
        return receipt.messageId().isPresent() && receipts.values().stream()
                .filter(s -> s.disposition() != Disposition.RELEASED).map(Settled::receipt)
                .anyMatch(r -> r.messageId().equals(receipt.messageId()) && !sameMail(r, receipt));
    }

    @Override
    public synchronized void settle(MailPosition position, Disposition disposition, Optional<TicketId> ticket,
                                    String detail) {
        receipts.computeIfPresent(position, (p, s) -> new Settled(s.id(), s.receipt(), disposition, ticket, detail,
                s.releasedAt()));
    }

    @Override
    public synchronized void cameThrough(EmailAddress mailbox, String correlationId, MailPosition position) {
        Settled settled = receipts.get(position);
        if (settled != null) {
            settled.ticket().ifPresent(id -> ticketMailboxes.putIfAbsent(id, mailbox));
        }
    }

    /** The mailbox each ticket came in through ({@link #cameThrough}). */
    public synchronized Optional<EmailAddress> mailboxOf(TicketId ticket) {
        return Optional.ofNullable(ticketMailboxes.get(ticket));
    }

    @Override
    public synchronized int countFailure(MailPosition position, String reason, Instant at) {
        return failures.merge(position, new Failure(1, reason),
                (old, one) -> new Failure(old.attempts() + 1, reason)).attempts();
    }

    @Override
    public synchronized int failures(MailPosition position) {
        return Optional.ofNullable(failures.get(position)).map(Failure::attempts).orElse(0);
    }

    @Override
    public synchronized void forget(MailPosition position) {
        failures.remove(position);
    }

    @Override
    public synchronized List<QuarantinedMail> list(int limit) {
        List<QuarantinedMail> found = receipts.values().stream()
                .filter(s -> s.disposition() == Disposition.QUARANTINED).map(InMemoryMailJournal::quarantined)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        java.util.Collections.reverse(found);
        return found.stream().limit(limit).toList();
    }

    @Override
    public synchronized Optional<QuarantinedMail> find(long id) {
        return receipts.values().stream().filter(s -> s.id() == id)
                .filter(s -> s.disposition() == Disposition.QUARANTINED || s.disposition() == Disposition.RELEASED)
                .findFirst().map(InMemoryMailJournal::quarantined);
    }

    @Override
    public synchronized boolean release(long id, Instant at) {
        Optional<Settled> found = receipts.values().stream()
                .filter(s -> s.id() == id && s.disposition() == Disposition.QUARANTINED).findFirst();
        found.ifPresent(s -> {
            receipts.put(s.receipt().position(), new Settled(s.id(), s.receipt(), Disposition.RELEASED, s.ticket(),
                    s.detail(), Optional.of(at)));
            failures.remove(s.receipt().position());
        });
        return found.isPresent();
    }

    @Override
    public synchronized long count() {
        return receipts.values().stream().filter(s -> s.disposition() == Disposition.QUARANTINED).count();
    }

    private static QuarantinedMail quarantined(Settled s) {
        InboundReceipt r = s.receipt();
        return new QuarantinedMail(s.id(), r.position(), r.messageId(), r.sender(), r.subject(), r.contentHash(),
                r.size(), s.detail(), r.receivedAt(), s.releasedAt());
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
    public synchronized boolean claimMessageId(MessageId id) {
        return messages.stream().noneMatch(m -> m.messageId().equals(id));
    }

    @Override
    public synchronized Optional<TicketId> ticketOf(Collection<MessageId> messageIds) {
        Set<MessageId> wanted = Set.copyOf(messageIds);
        return messages.stream()
                .filter(m -> wanted.contains(m.messageId()))
                .flatMap(m -> m.ticket().stream())
                .findFirst();
    }

    @Override
    public synchronized List<MessageId> threadIds(TicketId ticket) {
        return thread(ticket).stream().map(ThreadMessage::messageId).toList();
    }

    @Override
    public synchronized List<ThreadMessage> thread(TicketId ticket) {
        return messages.stream().filter(m -> m.ticket().equals(Optional.of(ticket)))
                .sorted(java.util.Comparator.comparing(ThreadMessage::at)) // stable: then in the order recorded
                .toList();
    }

    @Override
    public synchronized List<ThreadMessage> exchangedWith(String address, Instant since) {
        return messages.stream().filter(m -> m.sender().equalsIgnoreCase(address) && !m.at().isBefore(since))
                .sorted(java.util.Comparator.comparing(ThreadMessage::at)).toList();
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
