package io.guichet.db;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.TicketId;
import io.guichet.db.jooq.tables.records.MailMessagesRecord;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.AUTO_REPLIES;
import static io.guichet.db.jooq.Tables.INBOUND_RECEIPTS;
import static io.guichet.db.jooq.Tables.MAILBOX_STATE;
import static io.guichet.db.jooq.Tables.MAIL_ATTACHMENTS;
import static io.guichet.db.jooq.Tables.MAIL_MESSAGES;
import static io.guichet.db.jooq.Tables.OUTBOX;
import static io.guichet.db.jooq.Tables.TICKETS;

/**
 * {@link MailJournal} on PostgreSQL. A receipt is unique by position, and by Message-ID (or none), sender and content
 * hash unless released (a partial unique index); {@code ON CONFLICT DO NOTHING} turns a second delivery into a plain
 * {@code false}.
 */
public final class JooqMailJournal implements MailJournal {

    private final JooqSession db;

    public JooqMailJournal(JooqSession db) {
        this.db = db;
    }

    /**
     * Inside a transaction, two mails with the same Message-ID are recorded one after the other (a transaction-level
     * advisory lock on the id, held to the commit): the second sees the first's receipt, as a duplicate or as a reuse
     * ({@link #messageIdReused}), even when both are handled at once by different workers.
     */
    @Override
    public boolean recordReceipt(InboundReceipt receipt) {
        if (receipt.messageId().isPresent() && db.isInTransaction()) {
            db.dsl().select(DSL.function("pg_advisory_xact_lock", Object.class,
                    DSL.function("hashtextextended", Long.class, DSL.val(receipt.messageId().get().value()), DSL.inline(0L))))
                    .fetch();
        }
        return db.dsl().insertInto(INBOUND_RECEIPTS)
                .set(INBOUND_RECEIPTS.MAILBOX, receipt.position().mailbox())
                .set(INBOUND_RECEIPTS.UID_VALIDITY, receipt.position().uidValidity())
                .set(INBOUND_RECEIPTS.UID, receipt.position().uid())
                .set(INBOUND_RECEIPTS.MESSAGE_ID, receipt.messageId().map(MessageId::value).orElse(null))
                .set(INBOUND_RECEIPTS.CONTENT_HASH, receipt.contentHash())
                .set(INBOUND_RECEIPTS.SENDER, receipt.sender())
                .set(INBOUND_RECEIPTS.SUBJECT, receipt.subject())
                .set(INBOUND_RECEIPTS.SIZE_BYTES, receipt.size())
                .set(INBOUND_RECEIPTS.RECEIVED_AT, Times.at(receipt.receivedAt()))
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public boolean messageIdReused(InboundReceipt receipt) {
        if (receipt.messageId().isEmpty()) {
            return false;
        }
        return db.dsl().fetchExists(INBOUND_RECEIPTS, INBOUND_RECEIPTS.MESSAGE_ID.eq(receipt.messageId().get().value())
                .and(INBOUND_RECEIPTS.DISPOSITION.ne(Disposition.RELEASED.name()))
                .and(INBOUND_RECEIPTS.SENDER.ne(receipt.sender())
                        .or(INBOUND_RECEIPTS.CONTENT_HASH.ne(receipt.contentHash()))));
    }

    @Override
    public void settle(MailPosition position, Disposition disposition, Optional<TicketId> ticket, String detail) {
        db.dsl().update(INBOUND_RECEIPTS)
                .set(INBOUND_RECEIPTS.DISPOSITION, disposition.name())
                .set(INBOUND_RECEIPTS.TICKET_ID, ticket.map(TicketId::value).orElse(null))
                .set(INBOUND_RECEIPTS.DETAIL, detail)
                .where(INBOUND_RECEIPTS.MAILBOX.eq(position.mailbox()))
                .and(INBOUND_RECEIPTS.UID_VALIDITY.eq(position.uidValidity()))
                .and(INBOUND_RECEIPTS.UID.eq(position.uid()))
                .execute();
    }

    @Override
    public void cameThrough(EmailAddress mailbox, String correlationId, MailPosition position) {
        db.dsl().update(TICKETS).set(TICKETS.MAILBOX, mailbox.value())
                .where(TICKETS.MAILBOX.isNull())
                .and(TICKETS.ID.eq(DSL.field(DSL.select(INBOUND_RECEIPTS.TICKET_ID).from(INBOUND_RECEIPTS)
                        .where(INBOUND_RECEIPTS.MAILBOX.eq(position.mailbox()))
                        .and(INBOUND_RECEIPTS.UID_VALIDITY.eq(position.uidValidity()))
                        .and(INBOUND_RECEIPTS.UID.eq(position.uid())))))
                .execute();
        db.dsl().update(OUTBOX)
                .set(OUTBOX.MAILBOX, DSL.coalesce(DSL.field(DSL.select(TICKETS.MAILBOX).from(TICKETS)
                        .where(TICKETS.ID.eq(OUTBOX.TICKET_ID))), DSL.val(mailbox.value())))
                .where(OUTBOX.CORRELATION_ID.eq(correlationId)).and(OUTBOX.SENT_AT.isNull())
                .execute();
    }

    @Override
    public Optional<Disposition> dispositionAt(MailPosition position) {
        return db.dsl().select(INBOUND_RECEIPTS.DISPOSITION).from(INBOUND_RECEIPTS)
                .where(INBOUND_RECEIPTS.MAILBOX.eq(position.mailbox()))
                .and(INBOUND_RECEIPTS.UID_VALIDITY.eq(position.uidValidity()))
                .and(INBOUND_RECEIPTS.UID.eq(position.uid()))
                .fetchOptional(r -> Disposition.valueOf(r.value1()));
    }

    @Override
    public void recordMessage(ThreadMessage message) {
        Optional<Long> id = db.dsl().insertInto(MAIL_MESSAGES)
                .set(MAIL_MESSAGES.TICKET_ID, message.ticket().map(TicketId::value).orElse(null))
                .set(MAIL_MESSAGES.DIRECTION, message.direction().name())
                .set(MAIL_MESSAGES.MESSAGE_ID, message.messageId().value())
                .set(MAIL_MESSAGES.SUBJECT, message.subject())
                .set(MAIL_MESSAGES.SENDER, message.sender())
                .set(MAIL_MESSAGES.BODY, message.body())
                .set(MAIL_MESSAGES.CREATED_AT, Times.at(message.at()))
                .onConflictDoNothing()
                .returning(MAIL_MESSAGES.ID)
                .fetchOptional(MAIL_MESSAGES.ID);
        if (id.isEmpty() || message.attachments().isEmpty()) {
            return;
        }
        var insert = db.dsl().insertInto(MAIL_ATTACHMENTS, MAIL_ATTACHMENTS.MAIL_MESSAGE_ID, MAIL_ATTACHMENTS.FILENAME,
                MAIL_ATTACHMENTS.CONTENT_TYPE, MAIL_ATTACHMENTS.SIZE_BYTES, MAIL_ATTACHMENTS.CONTENT,
                MAIL_ATTACHMENTS.UNREADABLE);
        for (ThreadMessage.StoredAttachment a : message.attachments()) {
            insert = insert.values(id.get(), a.filename(), a.contentType(), a.size(), a.content().orElse(null),
                    a.unreadable().orElse(null));
        }
        insert.execute();
    }

    /** Messages without attachments in one multi-row insert; the others one by one. */
    @Override
    public void recordMessages(List<ThreadMessage> messages) {
        List<ThreadMessage> plain = messages.stream().filter(m -> m.attachments().isEmpty()).toList();
        if (plain.size() < messages.size()) {
            messages.forEach(this::recordMessage);
            return;
        }
        if (plain.isEmpty()) {
            return;
        }
        var insert = db.dsl().insertInto(MAIL_MESSAGES, MAIL_MESSAGES.TICKET_ID, MAIL_MESSAGES.DIRECTION,
                MAIL_MESSAGES.MESSAGE_ID, MAIL_MESSAGES.SUBJECT, MAIL_MESSAGES.SENDER, MAIL_MESSAGES.BODY,
                MAIL_MESSAGES.CREATED_AT);
        for (ThreadMessage m : plain) {
            insert = insert.values(m.ticket().map(TicketId::value).orElse(null), m.direction().name(), m.messageId().value(),
                    m.subject(), m.sender(), m.body(), Times.at(m.at()));
        }
        insert.onConflictDoNothing().execute();
    }

    @Override
    public boolean claimMessageId(MessageId id) {
        // a transaction-scoped lock on the id: a second claim waits for the first transaction, then sees its message
        db.dsl().select(DSL.function("pg_advisory_xact_lock", Object.class,
                DSL.function("hashtextextended", Long.class, DSL.val(id.value()), DSL.inline(0L)))).fetch();
        return !db.dsl().fetchExists(MAIL_MESSAGES, MAIL_MESSAGES.MESSAGE_ID.eq(id.value()));
    }

    @Override
    public Optional<TicketId> ticketOf(Collection<MessageId> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return db.dsl().select(MAIL_MESSAGES.TICKET_ID).from(MAIL_MESSAGES)
                .where(MAIL_MESSAGES.MESSAGE_ID.in(messageIds.stream().map(MessageId::value).toList()))
                .and(MAIL_MESSAGES.TICKET_ID.isNotNull())
                .orderBy(MAIL_MESSAGES.ID.desc())
                .limit(1)
                .fetchOptional(r -> new TicketId(r.value1()));
    }

    @Override
    public List<MessageId> threadIds(TicketId ticket) {
        return db.dsl().select(MAIL_MESSAGES.MESSAGE_ID).from(MAIL_MESSAGES)
                .where(MAIL_MESSAGES.TICKET_ID.eq(ticket.value())).orderBy(threadOrder())
                .fetch(r -> new MessageId(r.value1()));
    }

    @Override
    public Map<TicketId, List<MessageId>> threadIds(Collection<TicketId> tickets) {
        Map<TicketId, List<MessageId>> threads = new LinkedHashMap<>();
        tickets.forEach(t -> threads.put(t, new ArrayList<>()));
        if (tickets.isEmpty()) {
            return threads;
        }
        List<org.jooq.SortField<?>> order = new ArrayList<>();
        order.add(MAIL_MESSAGES.TICKET_ID.asc());
        order.addAll(threadOrder());
        db.dsl().select(MAIL_MESSAGES.TICKET_ID, MAIL_MESSAGES.MESSAGE_ID).from(MAIL_MESSAGES)
                .where(MAIL_MESSAGES.TICKET_ID.in(tickets.stream().map(TicketId::value).distinct().toList()))
                .orderBy(order)
                .forEach(r -> threads.get(new TicketId(r.value1())).add(new MessageId(r.value2())));
        return threads;
    }

    @Override
    public List<ThreadMessage> thread(TicketId ticket) {
        return withAttachments(db.dsl().selectFrom(MAIL_MESSAGES).where(MAIL_MESSAGES.TICKET_ID.eq(ticket.value()))
                .orderBy(threadOrder()).fetch());
    }

    @Override
    public List<ThreadMessage> exchangedWith(String address, Instant since) {
        return withAttachments(db.dsl().selectFrom(MAIL_MESSAGES)
                .where(DSL.lower(MAIL_MESSAGES.SENDER).eq(address.toLowerCase(java.util.Locale.ROOT)))
                .and(MAIL_MESSAGES.CREATED_AT.ge(Times.at(since)))
                .orderBy(MAIL_MESSAGES.CREATED_AT, MAIL_MESSAGES.ID)
                .fetch());
    }

    @Override
    public void recordAutoReply(EmailAddress sender, Instant at) {
        db.dsl().insertInto(AUTO_REPLIES).set(AUTO_REPLIES.SENDER, sender.value()).set(AUTO_REPLIES.SENT_AT, Times.at(at))
                .execute();
    }

    @Override
    public void recordAutoReplies(List<EmailAddress> senders, Instant at) {
        if (senders.isEmpty()) {
            return;
        }
        var insert = db.dsl().insertInto(AUTO_REPLIES, AUTO_REPLIES.SENDER, AUTO_REPLIES.SENT_AT);
        for (EmailAddress sender : senders) {
            insert = insert.values(sender.value(), Times.at(at));
        }
        insert.execute();
    }

    @Override
    public Map<EmailAddress, Integer> autoRepliesSince(Collection<EmailAddress> senders, Instant since) {
        Map<EmailAddress, Integer> counts = new LinkedHashMap<>();
        senders.forEach(sender -> counts.put(sender, 0));
        if (senders.isEmpty()) {
            return counts;
        }
        Map<String, EmailAddress> byValue = new HashMap<>();
        senders.forEach(sender -> byValue.put(sender.value(), sender));
        db.dsl().select(AUTO_REPLIES.SENDER, DSL.count()).from(AUTO_REPLIES)
                .where(AUTO_REPLIES.SENDER.in(byValue.keySet()))
                .and(AUTO_REPLIES.SENT_AT.ge(Times.at(since)))
                .groupBy(AUTO_REPLIES.SENDER)
                .forEach(r -> counts.put(byValue.get(r.value1()), r.value2()));
        return counts;
    }

    @Override
    public int autoRepliesSince(EmailAddress sender, Instant since) {
        return db.dsl().fetchCount(AUTO_REPLIES, AUTO_REPLIES.SENDER.eq(sender.value())
                .and(AUTO_REPLIES.SENT_AT.ge(Times.at(since))));
    }

    @Override
    public Optional<MailboxState> mailboxState(String mailbox) {
        return db.dsl().selectFrom(MAILBOX_STATE).where(MAILBOX_STATE.MAILBOX.eq(mailbox))
                .fetchOptional(r -> new MailboxState(r.getMailbox(), r.getUidValidity(), r.getLastUid(),
                        Times.instant(r.getUpdatedAt())));
    }

    @Override
    public void saveMailboxState(MailboxState state) {
        db.dsl().insertInto(MAILBOX_STATE)
                .set(MAILBOX_STATE.MAILBOX, state.mailbox())
                .set(MAILBOX_STATE.UID_VALIDITY, state.uidValidity())
                .set(MAILBOX_STATE.LAST_UID, state.lastUid())
                .set(MAILBOX_STATE.UPDATED_AT, Times.at(state.updatedAt()))
                .onConflict(MAILBOX_STATE.MAILBOX).doUpdate()
                .set(MAILBOX_STATE.UID_VALIDITY, state.uidValidity())
                .set(MAILBOX_STATE.LAST_UID, state.lastUid())
                .set(MAILBOX_STATE.UPDATED_AT, Times.at(state.updatedAt()))
                .execute();
    }

    /**
     * Time order; at equal times the order they were recorded in (a received mail is recorded before the desk
     * answers it, so it comes before its answers).
     */
    private static List<org.jooq.SortField<?>> threadOrder() {
        return List.of(MAIL_MESSAGES.CREATED_AT.asc(), MAIL_MESSAGES.ID.asc());
    }

    /** The messages, in their order, each with its attachments: all of them read in one statement, not one per message. */
    private List<ThreadMessage> withAttachments(List<MailMessagesRecord> records) {
        Map<Long, List<ThreadMessage.StoredAttachment>> attachments = new HashMap<>();
        if (!records.isEmpty()) {
            db.dsl().selectFrom(MAIL_ATTACHMENTS)
                    .where(MAIL_ATTACHMENTS.MAIL_MESSAGE_ID.in(records.stream().map(MailMessagesRecord::getId).toList()))
                    .orderBy(MAIL_ATTACHMENTS.MAIL_MESSAGE_ID, MAIL_ATTACHMENTS.ID)
                    .forEach(a -> attachments.computeIfAbsent(a.getMailMessageId(), id -> new ArrayList<>())
                            .add(new ThreadMessage.StoredAttachment(a.getFilename(), a.getContentType(), a.getSizeBytes(),
                                    Optional.ofNullable(a.getContent()), Optional.ofNullable(a.getUnreadable()))));
        }
        return records.stream().map(r -> message(r, attachments.getOrDefault(r.getId(), List.of()))).toList();
    }

    private static ThreadMessage message(MailMessagesRecord r, List<ThreadMessage.StoredAttachment> attachments) {
        return new ThreadMessage(Optional.ofNullable(r.getTicketId()).map(TicketId::new),
                ThreadMessage.Direction.valueOf(r.getDirection()), new MessageId(r.getMessageId()), r.getSubject(), r.getSender(),
                r.getBody(), Times.instant(r.getCreatedAt()), attachments);
    }
}
