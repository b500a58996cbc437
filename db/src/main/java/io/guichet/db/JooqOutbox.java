package io.guichet.db;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.AbandonedMail;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.Outbox;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.ticket.TicketId;
import io.guichet.db.jooq.tables.records.OutboxRecord;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.OUTBOX;
import static io.guichet.db.jooq.Tables.TICKETS;

/**
 * {@link Outbox} on PostgreSQL. Claims take due rows with {@code FOR UPDATE SKIP LOCKED} and push their next
 * attempt out by the lease, so two senders never send the same mail and a sender that dies loses nothing.
 * {@code attempts} counts failed attempts: a claim does not change it, {@link #markFailed} adds one. A live sender
 * renews its claims ({@link #renewClaims}), so the lease is short and a dead sender's mail comes back within it.
 */
public final class JooqOutbox implements Outbox {

    private static final int MAX_ERROR = 500;

    private final JooqTransactions db;

    public JooqOutbox(JooqTransactions db) {
        this.db = db;
    }

    @Override
    public void enqueue(OutgoingMail mail) {
        db.dsl().insertInto(OUTBOX)
                .set(OUTBOX.TICKET_ID, mail.ticket().map(TicketId::value).orElse(null))
                .set(OUTBOX.MESSAGE_ID, mail.messageId().value())
                .set(OUTBOX.RECIPIENT, mail.to().value())
                .set(OUTBOX.RECIPIENT_NAME, mail.toName())
                .set(OUTBOX.SUBJECT, mail.subject())
                .set(OUTBOX.BODY, mail.body())
                .set(OUTBOX.IN_REPLY_TO, mail.inReplyTo().map(MessageId::value).orElse(null))
                .set(OUTBOX.REFERENCES_HEADER, referencesColumn(mail.references()))
                .set(OUTBOX.AUTOMATIC, mail.automatic())
                .set(OUTBOX.CORRELATION_ID, mail.correlationId().orElse(null))
                .set(OUTBOX.CREATED_AT, Times.at(mail.createdAt()))
                .set(OUTBOX.NEXT_ATTEMPT_AT, Times.at(mail.createdAt()))
                .execute();
    }

    @Override
    public void enqueueAll(List<OutgoingMail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        var insert = db.dsl().insertInto(OUTBOX, OUTBOX.TICKET_ID, OUTBOX.MESSAGE_ID, OUTBOX.RECIPIENT,
                OUTBOX.RECIPIENT_NAME, OUTBOX.SUBJECT, OUTBOX.BODY, OUTBOX.IN_REPLY_TO, OUTBOX.REFERENCES_HEADER,
                OUTBOX.AUTOMATIC, OUTBOX.CREATED_AT, OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.CORRELATION_ID);
        for (OutgoingMail mail : mails) {
            insert = insert.values(mail.ticket().map(TicketId::value).orElse(null), mail.messageId().value(), mail.to().value(),
                    mail.toName(), mail.subject(), mail.body(), mail.inReplyTo().map(MessageId::value).orElse(null),
                    referencesColumn(mail.references()), mail.automatic(), Times.at(mail.createdAt()),
                    Times.at(mail.createdAt()), mail.correlationId().orElse(null));
        }
        insert.execute();
    }

    @Override
    public List<OutgoingMail> claimDue(Instant now, int limit, Duration lease) {
        return db.inTransaction(() -> {
            List<Long> ids = db.dsl().select(OUTBOX.ID).from(OUTBOX)
                    .where(OUTBOX.SENT_AT.isNull()).and(OUTBOX.ABANDONED_AT.isNull())
                    .and(OUTBOX.NEXT_ATTEMPT_AT.le(Times.at(now)))
                    .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID)
                    .limit(limit)
                    .forUpdate().skipLocked()
                    .fetch(OUTBOX.ID);
            if (ids.isEmpty()) {
                return List.of();
            }
            return db.dsl().update(OUTBOX)
                    .set(OUTBOX.NEXT_ATTEMPT_AT, Times.at(now.plus(lease)))
                    .where(OUTBOX.ID.in(ids))
                    .returning()
                    .fetch(JooqOutbox::mail)
                    .stream()
                    .sorted(java.util.Comparator.comparingInt(m -> ids.indexOf(m.id())))
                    .toList();
        });
    }

    @Override
    public void renewClaims(Collection<Long> ids, Instant now, Duration lease) {
        if (ids.isEmpty()) {
            return;
        }
        db.dsl().update(OUTBOX).set(OUTBOX.NEXT_ATTEMPT_AT, Times.at(now.plus(lease)))
                .where(OUTBOX.ID.in(ids)).and(OUTBOX.SENT_AT.isNull()).and(OUTBOX.ABANDONED_AT.isNull())
                .and(OUTBOX.NEXT_ATTEMPT_AT.gt(Times.at(now)))
                .and(OUTBOX.NEXT_ATTEMPT_AT.lt(Times.at(now.plus(lease))))
                .execute();
    }

    @Override
    public void markSent(long id, Instant at) {
        db.dsl().update(OUTBOX).set(OUTBOX.SENT_AT, Times.at(at)).set(OUTBOX.LAST_ERROR, "")
                .where(OUTBOX.ID.eq(id)).and(OUTBOX.SENT_AT.isNull()).execute();
    }

    @Override
    public void markFailed(long id, String error, Optional<Instant> retryAt, Instant now) {
        String shortError = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        var update = db.dsl().update(OUTBOX).set(OUTBOX.LAST_ERROR, shortError)
                .set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1));
        var next = retryAt.isPresent()
                ? update.set(OUTBOX.NEXT_ATTEMPT_AT, Times.at(retryAt.get()))
                : update.set(OUTBOX.ABANDONED_AT, Times.at(now));
        next.where(OUTBOX.ID.eq(id)).and(OUTBOX.SENT_AT.isNull()).execute();
    }

    @Override
    public Backlog backlog(Instant now) {
        var row = db.dsl().select(DSL.count(), DSL.min(OUTBOX.CREATED_AT)).from(OUTBOX)
                .where(OUTBOX.SENT_AT.isNull()).and(OUTBOX.ABANDONED_AT.isNull())
                .fetchSingle();
        Optional<Duration> age = Optional.ofNullable(row.value2()).map(oldest -> Duration.between(oldest.toInstant(), now));
        return new Backlog(row.value1(), age);
    }

    @Override
    public List<AbandonedMail> abandoned(int limit) {
        return db.dsl().select(OUTBOX.ID, TICKETS.NUMBER, OUTBOX.RECIPIENT, OUTBOX.SUBJECT, OUTBOX.CREATED_AT,
                        OUTBOX.ABANDONED_AT, OUTBOX.ATTEMPTS, OUTBOX.LAST_ERROR)
                .from(OUTBOX).leftJoin(TICKETS).on(TICKETS.ID.eq(OUTBOX.TICKET_ID))
                .where(OUTBOX.ABANDONED_AT.isNotNull()).and(OUTBOX.SENT_AT.isNull())
                .orderBy(OUTBOX.ABANDONED_AT, OUTBOX.ID)
                .limit(limit)
                .fetch(r -> new AbandonedMail(r.value1(), Optional.ofNullable(r.value2()), r.value3(), r.value4(),
                        Times.instant(r.value5()), Times.instant(r.value6()), r.value7(), r.value8()));
    }

    @Override
    public List<Long> retryAbandoned(List<Long> ids, Instant now) {
        var update = db.dsl().update(OUTBOX)
                .setNull(OUTBOX.ABANDONED_AT)
                .set(OUTBOX.ATTEMPTS, 0)
                .set(OUTBOX.NEXT_ATTEMPT_AT, Times.at(now))
                .where(OUTBOX.ABANDONED_AT.isNotNull()).and(OUTBOX.SENT_AT.isNull());
        return (ids.isEmpty() ? update : update.and(OUTBOX.ID.in(ids))).returning(OUTBOX.ID).fetch(OUTBOX.ID);
    }

    private static OutgoingMail mail(OutboxRecord r) {
        List<MessageId> references = r.getReferencesHeader().isBlank() ? List.of()
                : Arrays.stream(r.getReferencesHeader().split(" ")).map(MessageId::new).toList();
        return new OutgoingMail(r.getId(), Optional.ofNullable(r.getTicketId()).map(TicketId::new),
                new MessageId(r.getMessageId()),
                EmailAddress.parse(r.getRecipient()).orElseThrow(() -> new IllegalStateException("stored recipient is invalid")),
                r.getRecipientName(), r.getSubject(), r.getBody(), Optional.ofNullable(r.getInReplyTo()).map(MessageId::new), references,
                r.getAutomatic(), Times.instant(r.getCreatedAt()), r.getAttempts(),
                Optional.ofNullable(r.getCorrelationId()));
    }

    /** The ids of {@code References} as the column keeps them: without brackets, one space between. */
    private static String referencesColumn(List<MessageId> references) {
        return String.join(" ", references.stream().map(MessageId::value).toList());
    }
}
