package io.guichet.app.scheduler;

import io.guichet.core.desk.CalendarDesk;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The daily calendar work (R10 certification reminders, R20 end-of-support notices), on one node at a time. */
@DisallowConcurrentExecution
final class QuartzCalendarNotices implements Job {

    private final CalendarDesk calendar;

    QuartzCalendarNotices(CalendarDesk calendar) {
        this.calendar = calendar;
    }

    @Override
    public void execute(JobExecutionContext context) {
        calendar.run();
    }
}
