package io.guichet.db;

import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.mail.QuarantinedMail;
import io.guichet.db.jooq.tables.records.InboundReceiptsRecord;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.guichet.db.jooq.Tables.INBOUND_FAILURES;
import static io.guichet.db.jooq.Tables.INBOUND_RECEIPTS;

/**
 * {@link Quarantine} on PostgreSQL: the receipts whose disposition is {@code QUARANTINED} (or {@code RELEASED},
 * once released). Releasing is a conditional update ({@code WHERE disposition = 'QUARANTINED'}) and forgets the
 * mail's failed attempts, in one transaction.
 */
public final class JooqQuarantine implements Quarantine {

    private final JooqSession db;

    public JooqQuarantine(JooqSession db) {
        this.db = db;
    }

    @Override
    public List<QuarantinedMail> list(int limit) {
        return db.dsl().selectFrom(INBOUND_RECEIPTS)
                .where(INBOUND_RECEIPTS.DISPOSITION.eq(Disposition.QUARANTINED.name()))
                .orderBy(INBOUND_RECEIPTS.ID.desc())
                .limit(limit)
                .fetch(JooqQuarantine::quarantined);
    }

    @Override
    public Optional<QuarantinedMail> find(long id) {
        return db.dsl().selectFrom(INBOUND_RECEIPTS)
                .where(INBOUND_RECEIPTS.ID.eq(id))
                .and(INBOUND_RECEIPTS.DISPOSITION.in(Disposition.QUARANTINED.name(), Disposition.RELEASED.name()))
                .fetchOptional(JooqQuarantine::quarantined);
    }

    @Override
    public boolean release(long id, Instant at) {
        return db.atomically(s -> {
            Optional<InboundReceiptsRecord> released = s.dsl().update(INBOUND_RECEIPTS)
                    .set(INBOUND_RECEIPTS.DISPOSITION, Disposition.RELEASED.name())
                    .set(INBOUND_RECEIPTS.RELEASED_AT, Times.at(at))
                    .where(INBOUND_RECEIPTS.ID.eq(id))
                    .and(INBOUND_RECEIPTS.DISPOSITION.eq(Disposition.QUARANTINED.name()))
                    .returning()
                    .fetchOptional();
            released.ifPresent(r -> s.dsl().deleteFrom(INBOUND_FAILURES)
                    .where(INBOUND_FAILURES.MAILBOX.eq(r.getMailbox()))
                    .and(INBOUND_FAILURES.UID_VALIDITY.eq(r.getUidValidity()))
                    .and(INBOUND_FAILURES.UID.eq(r.getUid()))
                    .execute());
            return released.isPresent();
        });
    }

    @Override
    public long count() {
        return db.dsl().fetchCount(INBOUND_RECEIPTS, INBOUND_RECEIPTS.DISPOSITION.eq(Disposition.QUARANTINED.name()));
    }

    private static QuarantinedMail quarantined(InboundReceiptsRecord r) {
        return new QuarantinedMail(r.getId(), new MailPosition(r.getMailbox(), r.getUidValidity(), r.getUid()),
                Optional.ofNullable(r.getMessageId()).map(MessageId::new), r.getSender(), r.getSubject(), r.getContentHash(),
                r.getSizeBytes(), r.getDetail(),
                Times.instant(r.getReceivedAt()), Optional.ofNullable(r.getReleasedAt()).map(Times::instant));
    }
}
