package io.guichet.app.scheduler;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How Guichet's Quartz scheduler runs.
 *
 * @param clusterName           the scheduler name every node of one installation shares (Quartz's SCHED_NAME)
 * @param instanceId            this node's id in the cluster; empty lets Quartz make one (host name and time)
 * @param threads               worker threads of this node
 * @param sweepInterval         how often the deadline sweep runs (default 5 s)
 * @param clusterCheckinInterval how often a node tells the cluster it is alive; a silent node's jobs are recovered
 * @param calendarCron          Quartz cron expression of the calendar notices (R10, R20): default every day at 06:00
 * @param zone                  the time zone of the cron expression
 */
public record SchedulerSettings(String clusterName,
                                Optional<String> instanceId,
                                int threads,
                                Duration sweepInterval,
                                Duration clusterCheckinInterval,
                                String calendarCron,
                                ZoneId zone) {

    public SchedulerSettings {
        Objects.requireNonNull(clusterName, "clusterName");
        if (threads < 1) {
            throw new IllegalArgumentException("the scheduler needs at least one thread");
        }
        if (sweepInterval.toMillis() < 1 || clusterCheckinInterval.toMillis() < 1) {
            throw new IllegalArgumentException("scheduler intervals must be positive");
        }
    }

    public static SchedulerSettings defaults() {
        return new SchedulerSettings("guichet", Optional.empty(), 2, Duration.ofSeconds(5), Duration.ofMillis(7500),
                "0 0 6 * * ?", ZoneId.of("Europe/Paris"));
    }

    public SchedulerSettings withInstance(String id, Duration sweep, Duration checkin) {
        return new SchedulerSettings(clusterName, Optional.of(id), threads, sweep, checkin, calendarCron, zone);
    }
}
