package io.guichet.core.desk;

import io.guichet.core.deadline.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * One pass over the deadlines that fell due: claims them in batches and hands each to the {@link DeadlineDesk} in a
 * transaction of its own. A deadline whose firing fails stays pending and comes back when its lease ends; one bad
 * deadline never stops the others. Safe to run on several nodes at once: claims skip what another node holds, and
 * the desk re-checks every deadline before acting.
 *
 * @param batchSize  deadlines claimed per batch
 * @param lease      how long a claimed deadline is hidden from other sweeps
 * @param maxBatches batches per pass at most, so one pass stays short; the next pass takes the rest
 */
public final class DeadlineSweep {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineSweep.class);
    private static final int ATTEMPTS_BEFORE_ALARM = 5;

    /** How much one pass does. */
    public record Limits(int batchSize, Duration lease, int maxBatches) {

        public Limits {
            if (batchSize < 1 || maxBatches < 1 || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("sweep limits must be positive");
            }
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
        int claimed = 0;
        int applied = 0;
        int stale = 0;
        int raced = 0;
        int failed = 0;
        for (int batch = 0; batch < limits.maxBatches(); batch++) {
            List<Deadline> due = desk.deadlines().claimDue(desk.clock().instant(), limits.batchSize(), limits.lease());
            claimed += due.size();
            for (Deadline deadline : due) {
                if (deadline.attempts() > ATTEMPTS_BEFORE_ALARM) {
                    LOG.error("deadline {} of ticket id {} claimed {} times without being applied: look at it",
                            deadline.kind(), deadline.ticket().value(), deadline.attempts());
                }
                try {
                    switch (deadlines.fire(deadline)) {
                        case FireOutcome.Applied a -> applied++;
                        case FireOutcome.Stale s -> stale++;
                        case FireOutcome.Raced r -> raced++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warn("deadline {} of ticket id {} failed; retried after its lease", deadline.kind(),
                            deadline.ticket().value(), e);
                }
            }
            if (due.size() < limits.batchSize()) {
                break;
            }
        }
        if (claimed > 0) {
            LOG.info("deadline sweep: {} claimed, {} applied, {} stale, {} raced, {} failed", claimed, applied, stale,
                    raced, failed);
        }
        return new Report(claimed, applied, stale, raced, failed);
    }
}
