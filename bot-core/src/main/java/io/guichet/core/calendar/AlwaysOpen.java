package io.guichet.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Support around the clock, 24x7x365: the calendar of severity-1 tickets (policy R14, continuous work per R11).
 * Open time is plain elapsed time, so daylight-saving changes have no effect: adding 24 hours across a change
 * gives an instant 24 real hours later, whatever the wall clock shows.
 */
public record AlwaysOpen() implements ServiceCalendar {

    @Override
    public Instant addOpenTime(Instant start, Duration amount) {
        Objects.requireNonNull(start, "start");
        return start.plus(ServiceCalendar.requireNonNegative(amount));
    }

    @Override
    public Duration openTimeBetween(Instant from, Instant to) {
        Duration between = Duration.between(from, to);
        return between.isNegative() ? Duration.ZERO : between;
    }

    @Override
    public boolean isOpen(Instant at) {
        Objects.requireNonNull(at, "at");
        return true;
    }
}
