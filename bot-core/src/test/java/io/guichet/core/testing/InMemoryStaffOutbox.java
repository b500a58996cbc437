package io.guichet.core.testing;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffOutbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link StaffOutbox} in memory; {@link #notices} lists everything posted, for assertions. */
public final class InMemoryStaffOutbox implements StaffOutbox {

    private final List<Row> rows = new ArrayList<>();
    private final Supplier<Instant> clock;

    public InMemoryStaffOutbox() {
        this(Instant::now);
    }

    /** Posts are stamped with {@code clock} (the fixture's). */
    public InMemoryStaffOutbox(Supplier<Instant> clock) {
        this.clock = clock;
    }

    private static final class Row {
        final long id;
        final StaffNotice notice;
        final Instant createdAt;
        Instant nextAttemptAt;
        int attempts;
        Optional<Instant> deliveredAt = Optional.empty();
        Optional<Instant> abandonedAt = Optional.empty();
        String lastError = "";

        Row(long id, StaffNotice notice, Instant createdAt) {
            this.id = id;
            this.notice = notice;
            this.createdAt = createdAt;
            this.nextAttemptAt = createdAt;
        }

        boolean pending() {
            return deliveredAt.isEmpty() && abandonedAt.isEmpty();
        }
    }

    @Override
    public synchronized void post(StaffNotice notice) {
        rows.add(new Row(rows.size() + 1L, notice, clock.get()));
    }

    @Override
    public synchronized List<Queued> claimDue(Instant now, int limit, Duration lease) {
        List<Queued> claimed = new ArrayList<>();
        rows.stream().filter(Row::pending).filter(r -> !r.nextAttemptAt.isAfter(now)).filter(this::firstOfItsThread)
                .sorted(java.util.Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparingLong(r -> r.id))
                .limit(limit)
                .forEach(r -> {
                    r.nextAttemptAt = now.plus(lease);
                    claimed.add(new Queued(r.id, r.notice, r.createdAt, r.attempts));
                });
        return claimed;
    }

    /** Not a thread post, or no earlier thread post of its ticket is pending (the port's ordering rule). */
    private boolean firstOfItsThread(Row row) {
        if (!(row.notice instanceof StaffNotice.ThreadPost post)) {
            return true;
        }
        return rows.stream().filter(Row::pending).filter(r -> r.id < row.id)
                .noneMatch(r -> r.notice instanceof StaffNotice.ThreadPost earlier
                        && earlier.ticket().id().equals(post.ticket().id()));
    }

    @Override
    public synchronized void markDelivered(long id, Instant at) {
        row(id).filter(Row::pending).ifPresent(r -> r.deliveredAt = Optional.of(at));
    }

    @Override
    public synchronized void markFailed(long id, String error, Optional<Instant> retryAt, Instant now) {
        row(id).filter(Row::pending).ifPresent(r -> {
            r.attempts++;
            r.lastError = error;
            retryAt.ifPresentOrElse(at -> r.nextAttemptAt = at, () -> r.abandonedAt = Optional.of(now));
        });
    }

    @Override
    public synchronized void release(List<Long> ids, Instant at) {
        ids.forEach(id -> row(id).filter(Row::pending).ifPresent(r -> r.nextAttemptAt = at));
    }

    @Override
    public synchronized int pending() {
        return (int) rows.stream().filter(Row::pending).count();
    }

    /** Every notice posted, delivered or not, in order. */
    public synchronized List<StaffNotice> notices() {
        return rows.stream().map(r -> r.notice).toList();
    }

    public <T extends StaffNotice> List<T> notices(Class<T> kind) {
        return notices().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private Optional<Row> row(long id) {
        return rows.stream().filter(r -> r.id == id).findFirst();
    }
}
