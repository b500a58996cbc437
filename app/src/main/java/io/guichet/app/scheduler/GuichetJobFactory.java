package io.guichet.app.scheduler;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

import java.util.Map;
import java.util.function.Supplier;

/** Builds Guichet's jobs with their collaborators (Quartz would call a no-argument constructor). */
final class GuichetJobFactory implements JobFactory {

    private final Map<Class<? extends Job>, Supplier<Job>> jobs;

    GuichetJobFactory(Map<Class<? extends Job>, Supplier<Job>> jobs) {
        this.jobs = Map.copyOf(jobs);
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        Supplier<Job> supplier = jobs.get(type);
        if (supplier == null) {
            throw new SchedulerException("no job of type " + type.getName() + " is known to this node");
        }
        return supplier.get();
    }
}
