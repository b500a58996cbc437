package io.guichet.core.testing;

import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.mail.AbandonedMail;
import io.guichet.core.mail.Outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Outbox} in memory, with the semantics the PostgreSQL outbox has:
 * <ul>
 *   <li>{@code enqueue} gives the next id and makes the mail due at its {@code createdAt}; a Message-ID is unique
 *       (a second mail with the same one is refused, as the unique constraint does);</li>
 *   <li>{@code claimDue} returns pending mails whose next attempt is due, oldest ({@code createdAt}, then id)
 *       first, and pushes their next attempt to {@code now + lease} so no other claim sees them meanwhile;</li>
 *   <li>{@code attempts} on a claimed mail counts the failed attempts so far; {@code markFailed} adds one and
 *       either schedules the next attempt or abandons the mail;</li>
 *   <li>marking an unknown, sent or abandoned mail changes nothing.</li>
 * </ul>
 */
public final class InMemoryOutbox implements Outbox {

    /** Where a mail stands. */
    public enum Status { PENDING, SENT, ABANDONED }

    /** A row of the outbox, for assertions. */
    public record Entry(OutgoingMail mail, Status status, int attempts, Instant nextAttemptAt, String lastError,
                        Optional<Instant> sentAt, Optional<Instant> abandonedAt) {
    }

    private final Map<Long, Entry> rows = new LinkedHashMap<>();
    private long lastId;

    @Override
    public synchronized void enqueue(OutgoingMail mail) {
        boolean duplicate = rows.values().stream().anyMatch(e -> e.mail().messageId().equals(mail.messageId()));
        if (duplicate) {
            throw new IllegalStateException("outbox already holds Message-ID " + mail.messageId());
        }
        long id = ++lastId;
        OutgoingMail stored = new OutgoingMail(id, mail.ticket(), mail.messageId(), mail.to(), mail.toName(),
                mail.subject(), mail.body(), mail.inReplyTo(), mail.references(), mail.automatic(), mail.createdAt(), 0,
                mail.correlationId());
        rows.put(id, new Entry(stored, Status.PENDING, 0, mail.createdAt(), "", Optional.empty(), Optional.empty()));
    }

    @Override
    public synchronized List<OutgoingMail> claimDue(Instant now, int limit, Duration lease) {
        List<Entry> due = rows.values().stream()
                .filter(e -> e.status() == Status.PENDING && !e.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing((Entry e) -> e.mail().createdAt()).thenComparing(e -> e.mail().id()))
                .limit(limit)
                .toList();
        List<OutgoingMail> claimed = new ArrayList<>(due.size());
        for (Entry e : due) {
            rows.put(e.mail().id(), new Entry(e.mail(), e.status(), e.attempts(), now.plus(lease), e.lastError(),
                    e.sentAt(), e.abandonedAt()));
            claimed.add(withAttempts(e.mail(), e.attempts()));
        }
        return claimed;
    }

    @Override
    public synchronized void renewClaims(java.util.Collection<Long> ids, Instant now, Duration lease) {
        Instant until = now.plus(lease);
        for (Long id : ids) {
            Entry e = rows.get(id);
            if (e == null || e.status() != Status.PENDING || !e.nextAttemptAt().isAfter(now)
                    || !e.nextAttemptAt().isBefore(until)) {
                continue;
            }
            rows.put(id, new Entry(e.mail(), e.status(), e.attempts(), until, e.lastError(), e.sentAt(),
                    e.abandonedAt()));
        }
    }

    @Override
    public synchronized void markSent(long id, Instant at) {
        Entry e = rows.get(id);
        if (e == null || e.status() != Status.PENDING) {
            return;
        }
        rows.put(id, new Entry(e.mail(), Status.SENT, e.attempts(), e.nextAttemptAt(), e.lastError(), Optional.of(at),
                Optional.empty()));
    }

    @Override
    public synchronized void markFailed(long id, String error, Optional<Instant> retryAt, Instant now) {
        Entry e = rows.get(id);
        if (e == null || e.status() != Status.PENDING) {
            return;
        }
        int attempts = e.attempts() + 1;
        rows.put(id, retryAt
                .map(at -> new Entry(e.mail(), Status.PENDING, attempts, at, error, Optional.<Instant>empty(),
                        Optional.<Instant>empty()))
                .orElseGet(() -> new Entry(e.mail(), Status.ABANDONED, attempts, e.nextAttemptAt(), error,
                        Optional.empty(), Optional.of(now))));
    }

    @Override
    public synchronized Backlog backlog(Instant now) {
        List<Entry> pending = rows.values().stream().filter(e -> e.status() == Status.PENDING).toList();
        Optional<Duration> oldest = pending.stream()
                .map(e -> e.mail().createdAt())
                .min(Comparator.naturalOrder())
                .map(created -> Duration.between(created, now));
        return new Backlog(pending.size(), oldest);
    }

    @Override
    public synchronized List<AbandonedMail> abandoned(int limit) {
        return rows.values().stream().filter(e -> e.status() == Status.ABANDONED)
                .sorted(Comparator.comparing((Entry e) -> e.abandonedAt().orElseThrow()).thenComparingLong(e -> e.mail().id()))
                .limit(limit)
                .map(e -> new AbandonedMail(e.mail().id(), Optional.empty(), e.mail().to().value(), e.mail().subject(),
                        e.mail().createdAt(), e.abandonedAt().orElseThrow(), e.attempts(), e.lastError()))
                .toList();
    }

    @Override
    public synchronized List<Long> retryAbandoned(List<Long> ids, Instant now) {
        List<Long> back = new java.util.ArrayList<>();
        rows.replaceAll((id, e) -> {
            if (e.status() != Status.ABANDONED || !(ids.isEmpty() || ids.contains(id))) {
                return e;
            }
            back.add(id);
            return new Entry(withAttempts(e.mail(), 0), Status.PENDING, 0, now, e.lastError(), Optional.empty(),
                    Optional.empty());
        });
        return back;
    }

    /** The row of a mail, if any. */
    public synchronized Optional<Entry> entry(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** Every row, in id order. */
    public synchronized List<Entry> entries() {
        return List.copyOf(rows.values());
    }

    private static OutgoingMail withAttempts(OutgoingMail m, int attempts) {
        return new OutgoingMail(m.id(), m.ticket(), m.messageId(), m.to(), m.toName(), m.subject(), m.body(),
                m.inReplyTo(), m.references(), m.automatic(), m.createdAt(), attempts, m.correlationId());
    }
}
