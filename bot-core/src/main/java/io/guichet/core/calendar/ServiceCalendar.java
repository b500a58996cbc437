package io.guichet.core.calendar;

import java.time.Duration;
import java.time.Instant;

/** Placeholder until the business calendar lands. */
public interface ServiceCalendar {
    Instant addOpenTime(Instant start, Duration amount);

    Duration openTimeBetween(Instant from, Instant to);

    boolean isOpen(Instant at);
}
