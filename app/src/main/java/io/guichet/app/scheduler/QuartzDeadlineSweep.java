package io.guichet.app.scheduler;

import io.guichet.core.desk.DeadlineSweep;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The clustered sweep: every few seconds, on one node of the cluster at a time, hands the deadlines that fell due
 * to the core. A failure is the core's to log; the next run tries again.
 */
@DisallowConcurrentExecution
final class QuartzDeadlineSweep implements Job {

    private final DeadlineSweep sweep;

    QuartzDeadlineSweep(DeadlineSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public void execute(JobExecutionContext context) {
        sweep.sweep();
    }
}
