package io.guichet.core.calendar;

import java.time.Duration;
import java.time.Instant;

/** Placeholder until the business calendar lands: round the clock. */
public record AlwaysOpen() implements ServiceCalendar {
    @Override
    public Instant addOpenTime(Instant start, Duration amount) {
        return start.plus(amount);
    }

    @Override
    public Duration openTimeBetween(Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }

    @Override
    public boolean isOpen(Instant at) {
        return true;
    }
}
