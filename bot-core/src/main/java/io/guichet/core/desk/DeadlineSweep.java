package io.guichet.core.desk;

import io.guichet.core.deadline.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass over the deadlines that fell due: claims them in batches and hands each to the {@link DeadlineDesk} in a
 * transaction of its own. A deadline whose firing fails stays pending and comes back when its lease ends; one bad
 * deadline never stops the others. Safe to run on several nodes at once: claims skip what another node holds, and
 * the desk re-checks every deadline before acting.
 *
 * <p>The deadlines of a batch are applied by up to {@code parallelism} threads, each ticket's deadlines in due order
 * on one thread: each firing is a short transaction that mostly waits for the database (round trips and the commit's
 * flush), so a few at once apply many more per second (docs/BENCHMARKS.md). Firings of different tickets are
 * independent; the conditional update on the ticket keeps them safe against everything else.
 */
public final class DeadlineSweep {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweep.class);
    private static final int ATTEMPTS_BEFORE_ALARM = 5;

    /**
     * How much one pass does.
     *
     * @param batchSize   deadlines claimed per batch
     * @param lease       how long a claimed deadline is hidden from other sweeps
     * @param maxBatches  batches per pass at most, so one pass stays short; the next pass takes the rest
     * @param parallelism threads applying the deadlines of a batch (each uses a database connection)
     */
    public record Limits(int batchSize, Duration lease, int maxBatches, int parallelism) {

        public Limits {
            if (batchSize < 1 || maxBatches < 1 || parallelism < 1 || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("sweep limits must be positive");
            }
        }

        /** One thread. */
        public Limits(int batchSize, Duration lease, int maxBatches) {
            this(batchSize, lease, maxBatches, 1);
        }

        public static Limits defaults() {
            return new Limits(50, Duration.ofMinutes(2), 20);
        }
    }

    /** What one pass did. */
    public record Report(int claimed, int applied, int stale, int raced, int failed) {
    }

    private final DeskContext desk;
    private final DeadlineDesk deadlines;
    private final Limits limits;

    public DeadlineSweep(DeskContext desk, DeadlineDesk deadlines, Limits limits) {
        this.desk = desk;
        this.deadlines = deadlines;
        this.limits = limits;
    }

    public Report sweep() {
        Tally tally = new Tally();
        ExecutorService workers = limits.parallelism() > 1
                ? Executors.newFixedThreadPool(limits.parallelism(), Thread.ofPlatform().name("deadline-sweep-", 1).factory())
                : null;
        try {
            for (int batch = 0; batch < limits.maxBatches(); batch++) {
                List<Deadline> due = desk.deadlines().claimDue(desk.clock().instant(), limits.batchSize(), limits.lease());
                tally.claimed.addAndGet(due.size());
                if (workers == null) {
                    due.forEach(deadline -> fire(deadline, tally));
                } else {
                    fireInParallel(due, workers, tally);
                }
                if (due.size() < limits.batchSize()) {
                    break;
                }
            }
        } finally {
            if (workers != null) {
                workers.shutdown();
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

    /** One task per ticket (its deadlines in due order, as claimed); waits for the whole batch. */
    private void fireInParallel(List<Deadline> due, ExecutorService workers, Tally tally) {
        Map<Long, List<Deadline>> byTicket = new LinkedHashMap<>();
        for (Deadline deadline : due) {
            byTicket.computeIfAbsent(deadline.ticket().value(), t -> new ArrayList<>()).add(deadline);
        }
        List<Future<?>> tasks = new ArrayList<>(byTicket.size());
        for (List<Deadline> ofTicket : byTicket.values()) {
            tasks.add(workers.submit(() -> ofTicket.forEach(deadline -> fire(deadline, tally))));
        }
        for (Future<?> task : tasks) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying deadlines", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a deadline task failed outside its own handling", e.getCause());
            }
        }
    }

    private void fire(Deadline deadline, Tally tally) {
        if (deadline.attempts() > ATTEMPTS_BEFORE_ALARM) {
            LOG.error("deadline {} of ticket id {} claimed {} times without being applied: look at it",
                    deadline.kind(), deadline.ticket().value(), deadline.attempts());
        }
        try {
            switch (deadlines.fire(deadline)) {
                case FireOutcome.Applied a -> tally.applied.incrementAndGet();
                case FireOutcome.Stale s -> tally.stale.incrementAndGet();
                case FireOutcome.Raced r -> tally.raced.incrementAndGet();
            }
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
    }
}
