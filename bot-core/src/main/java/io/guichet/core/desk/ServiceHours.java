package io.guichet.core.desk;

import io.guichet.core.calendar.ServiceCalendar;
import io.guichet.core.ticket.Severity;

import java.time.Duration;
import java.time.Instant;

/**
 * R14: which calendar a ticket's clock runs on: round the clock for severity 1, business hours for the others.
 */
public record ServiceHours(ServiceCalendar businessHours, ServiceCalendar roundTheClock) {

    public ServiceCalendar calendarFor(Severity severity) {
        return severity.roundTheClock() ? roundTheClock : businessHours;
    }

    public Instant due(Severity severity, Instant start, Duration target) {
        return calendarFor(severity).addOpenTime(start, target);
    }
}
