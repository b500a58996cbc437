package io.guichet.core.desk;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.ticket.TicketId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass over the deadlines that fell due: claims them in batches and hands them to the {@link DeadlineDesk}. A
 * deadline whose firing fails stays pending and comes back when its lease ends; one bad deadline never stops the
 * others. Safe to run on several nodes at once: claims skip what another node holds, and the desk re-checks every
 * deadline before acting.
 *
 * <p>A claimed batch is split by ticket into up to {@code parallelism} groups, applied at once on the workers the
 * owner of this sweep provides (each uses a database connection); each group is applied in one transaction
 * ({@link DeadlineDesk#fireAll}), a ticket's deadlines in due order within its group. If a group's transaction
 * fails, its deadlines are applied again one by one, each in its own transaction, so that only the deadline at fault
 * fails (and is retried after its lease). Firings of different tickets are independent; the conditional update on
 * the ticket keeps them safe against everything else. While a batch is applied, the claims of its deadlines are
 * renewed every third of the lease ({@link io.guichet.core.deadline.DeadlineStore#renewClaims}).
 */
public final class DeadlineSweep {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweep.class);
    private static final int ATTEMPTS_BEFORE_ALARM = 5;

    /**
     * How much one pass does.
     *
     * @param batchSize   deadlines claimed per batch
     * @param lease       how long a claimed deadline is hidden from other sweeps; the sweep renews the claims of the
     *                    batch it is applying every third of it, so it can be short (a dead sweeper's deadlines come
     *                    back within one lease)
     * @param maxBatches  batches per pass at most, so one pass stays short; the next pass takes the rest
     * @param parallelism groups a batch is split into, applied at once (each holds a database connection)
     */
    public record Limits(int batchSize, Duration lease, int maxBatches, int parallelism) {

        /** The lease of a claim: short, since a live sweeper renews it while it works. */
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

        public Limits {
            if (batchSize < 1 || maxBatches < 1 || parallelism < 1 || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("sweep limits must be positive");
            }
        }

        /** One group per batch. */
        public Limits(int batchSize, Duration lease, int maxBatches) {
            this(batchSize, lease, maxBatches, 1);
        }

        public static Limits defaults() {
            return new Limits(50, DEFAULT_LEASE, 20);
        }
    }

    /** What one pass did. */
    public record Report(int claimed, int applied, int stale, int raced, int failed) {
    }

    private final DeskPorts ports;
    private final DeadlineDesk deadlines;
    private final Limits limits;
    private final Executor workers;

    /** A sweep applying its groups one after the other on the calling thread. */
    public DeadlineSweep(DeskPorts ports, DeadlineDesk deadlines, Limits limits) {
        this(ports, deadlines, limits, Runnable::run);
    }

    /**
     * A sweep applying the groups of a batch on {@code workers}, which its owner keeps for the life of the node (and
     * shuts down with it); it should offer {@code limits.parallelism()} threads.
     */
    public DeadlineSweep(DeskPorts ports, DeadlineDesk deadlines, Limits limits, Executor workers) {
        this.ports = ports;
        this.deadlines = deadlines;
        this.limits = limits;
        this.workers = workers;
    }

    public Report sweep() {
        Tally tally = new Tally();
        for (int batch = 0; batch < limits.maxBatches(); batch++) {
            List<Deadline> due = ports.inTransaction(desk ->
                    desk.deadlines().claimDue(ports.clock().instant(), limits.batchSize(), limits.lease()));
            tally.claimed.addAndGet(due.size());
            List<List<Deadline>> groups = groups(due, limits.parallelism());
            holdingClaims(due, groups, tally);
            if (due.size() < limits.batchSize()) {
                break;
            }
        }
        Report report = new Report(tally.claimed.get(), tally.applied.get(), tally.stale.get(), tally.raced.get(),
                tally.failed.get());
        if (report.claimed() > 0) {
            LOG.info("deadline sweep: {} claimed, {} applied, {} stale, {} raced, {} failed", report.claimed(),
                    report.applied(), report.stale(), report.raced(), report.failed());
        }
        return report;
    }

    /**
     * Splits a batch into at most {@code count} groups by ticket, each keeping the claim order (due time), so a
     * ticket's deadlines are in one group, in due order. Tickets go to groups in runs of neighbours (in claim
     * order), not dealt out in turn: tickets created together sit together in tables and indexes, and groups
     * applied at once then write to different pages rather than queue for the same ones.
     */
    static List<List<Deadline>> groups(List<Deadline> due, int count) {
        Map<TicketId, List<Deadline>> byTicket = new LinkedHashMap<>();
        for (Deadline deadline : due) {
            byTicket.computeIfAbsent(deadline.ticket(), t -> new ArrayList<>()).add(deadline);
        }
        if (byTicket.isEmpty()) {
            return List.of(List.of());
        }
        int perGroup = (byTicket.size() + count - 1) / count;
        Map<TicketId, Integer> groupOf = new LinkedHashMap<>();
        for (TicketId ticket : byTicket.keySet()) {
            groupOf.put(ticket, groupOf.size() / perGroup);
        }
        List<List<Deadline>> groups = new ArrayList<>();
        for (Deadline deadline : due) {
            int group = groupOf.get(deadline.ticket());
            while (groups.size() <= group) {
                groups.add(new ArrayList<>());
            }
            groups.get(group).add(deadline);
        }
        return groups;
    }

    /**
     * One task per group on the workers; waits for the whole batch, renewing the claims of the batch every third of
     * the lease meanwhile, so a long batch keeps its claims and the lease can be short: the deadlines of a sweeper
     * that died come back within one lease.
     */
    private void holdingClaims(List<Deadline> due, List<List<Deadline>> groups, Tally tally) {
        CompletableFuture<Void> all = CompletableFuture.allOf(groups.stream()
                .map(group -> CompletableFuture.runAsync(() -> fireGroup(group, tally), workers))
                .toArray(CompletableFuture[]::new));
        List<Long> ids = due.stream().map(Deadline::id).toList();
        long every = Math.max(100, limits.lease().toMillis() / 3);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    all.get(every, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException e) {
                    renew(ids);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a deadline task failed outside its own handling", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Renews the claims of a batch still being applied; a failure (database away) is retried at the next tick. */
    private void renew(List<Long> ids) {
        try {
            ports.run(desk -> desk.deadlines().renewClaims(ids, ports.clock().instant(), limits.lease()));
        } catch (RuntimeException e) {
            LOG.warn("renewing the claims of {} deadlines failed: {}", ids.size(), e.toString());
        }
    }

    private void fireGroup(List<Deadline> group, Tally tally) {
        if (group.isEmpty()) {
            return;
        }
        group.stream().filter(d -> d.attempts() > ATTEMPTS_BEFORE_ALARM).forEach(d ->
                LOG.error("deadline {} of ticket id {} claimed {} times without being applied: look at it",
                        d.kind(), d.ticket().value(), d.attempts()));
        if (group.size() == 1) {
            fireAlone(group.get(0), tally);
            return;
        }
        try {
            deadlines.fireAll(group).forEach(tally::count);
        } catch (RuntimeException e) {
            LOG.warn("{} deadlines applied together failed ({}); applying them one by one", group.size(), e.toString());
            group.forEach(deadline -> fireAlone(deadline, tally));
        }
    }

    private void fireAlone(Deadline deadline, Tally tally) {
        try {
            tally.count(deadlines.fire(deadline));
        } catch (RuntimeException e) {
            tally.failed.incrementAndGet();
            LOG.warn("deadline {} of ticket id {} failed; retried after its lease", deadline.kind(),
                    deadline.ticket().value(), e);
        }
    }

    /** Counts of one pass, shared by its threads. */
    private static final class Tally {
        private final AtomicInteger claimed = new AtomicInteger();
        private final AtomicInteger applied = new AtomicInteger();
        private final AtomicInteger stale = new AtomicInteger();
        private final AtomicInteger raced = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        private void count(FireOutcome outcome) {
            switch (outcome) {
                case FireOutcome.Applied a -> applied.incrementAndGet();
                case FireOutcome.Stale s -> stale.incrementAndGet();
                case FireOutcome.Raced r -> raced.incrementAndGet();
            }
        }
    }
}
