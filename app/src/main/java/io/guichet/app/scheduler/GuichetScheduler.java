package io.guichet.app.scheduler;

import io.guichet.core.desk.CalendarDesk;
import io.guichet.core.desk.DeadlineSweep;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Guichet's Quartz scheduler, configured from code: the JDBC job store ({@code JobStoreTX} with the
 * {@code PostgreSQLDelegate}) in Guichet's own database (tables from the Flyway migrations), clustering on, and
 * connections from the application's pool. Every node of an installation runs one; Quartz runs each job on one node
 * at a time, and a node that dies has its work taken over.
 *
 * <p>Jobs: the deadline sweep every {@link SchedulerSettings#sweepInterval()} and the calendar notices on
 * {@link SchedulerSettings#calendarCron()}. A sweep that could not run while every node was down runs once on
 * start and takes every deadline that fell due meanwhile.
 */
public final class GuichetScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GuichetScheduler.class);
    private static final String GROUP = "guichet";
    static final JobKey SWEEP = new JobKey("deadline-sweep", GROUP);
    static final JobKey CALENDAR = new JobKey("calendar-notices", GROUP);

    private final Scheduler scheduler;
    private final SchedulerSettings settings;

    private GuichetScheduler(Scheduler scheduler, SchedulerSettings settings) {
        this.scheduler = scheduler;
        this.settings = settings;
    }

    /** Builds the scheduler (not started): see {@link #start()}. */
    public static GuichetScheduler create(SchedulerSettings settings, DataSource dataSource, DeadlineSweep sweep,
                                          CalendarDesk calendar) {
        String dataSourceName = "guichet-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PoolConnectionProvider(dataSource));
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(properties(settings, dataSourceName));
            Scheduler scheduler = factory.getScheduler();
            // Guichet holds its scheduler itself; leaving it in Quartz's JVM-wide registry would forbid a second
            // node of the same cluster in one JVM (tests) and serves no lookup.
            SchedulerRepository.getInstance().remove(settings.clusterName());
            scheduler.setJobFactory(new GuichetJobFactory(Map.of(
                    QuartzDeadlineSweep.class, () -> new QuartzDeadlineSweep(sweep),
                    QuartzCalendarNotices.class, () -> new QuartzCalendarNotices(calendar))));
            return new GuichetScheduler(scheduler, settings);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot build the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    /** Schedules the jobs (replacing the cluster's previous triggers, so settings changes apply) and starts. */
    public void start() {
        try {
            JobDetail sweepJob = JobBuilder.newJob(QuartzDeadlineSweep.class).withIdentity(SWEEP)
                    .withDescription("claims due deadlines and hands them to the core").storeDurably().build();
            Trigger sweepTrigger = TriggerBuilder.newTrigger().withIdentity(SWEEP.getName(), GROUP).forJob(sweepJob)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(settings.sweepInterval().toMillis())
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .startNow().build();
            JobDetail calendarJob = JobBuilder.newJob(QuartzCalendarNotices.class).withIdentity(CALENDAR)
                    .withDescription("certification-expiry (R10) and end-of-support (R20) notices").storeDurably().build();
            Trigger calendarTrigger = TriggerBuilder.newTrigger().withIdentity(CALENDAR.getName(), GROUP)
                    .forJob(calendarJob)
                    .withSchedule(CronScheduleBuilder.cronSchedule(settings.calendarCron())
                            .inTimeZone(TimeZone.getTimeZone(settings.zone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            scheduler.scheduleJob(sweepJob, Set.of(sweepTrigger), true);
            scheduler.scheduleJob(calendarJob, Set.of(calendarTrigger), true);
            scheduler.start();
            LOG.info("scheduler {} node {} started: deadline sweep every {}, calendar notices at '{}' ({})",
                    settings.clusterName(), scheduler.getSchedulerInstanceId(), settings.sweepInterval(),
                    settings.calendarCron(), settings.zone());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the Quartz scheduler: " + e.getMessage(), e);
        }
    }

    public boolean isStarted() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops this node, waiting for running jobs; the cluster's schedule stays in the database. */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warn("scheduler did not shut down cleanly", e);
        }
    }

    static Properties properties(SchedulerSettings settings, String dataSourceName) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, settings.clusterName());
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, settings.instanceId().orElse("AUTO"));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(settings.threads()));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "guichet-quartz");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(settings.clusterCheckinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        return p;
    }
}
