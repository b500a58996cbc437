package io.guichet.core.calendar;

import java.time.Duration;
import java.time.Instant;

/**
 * The hours during which support works on a ticket, per policy R14: severity 1 around the clock ({@link
 * AlwaysOpen}), severities 2 to 4 during business hours ({@link BusinessCalendar}). Due times of the initial
 * response (R15) and of follow-ups (R16) are computed by adding the configured target to the moment the clock
 * starts, counting only open time.
 */
public sealed interface ServiceCalendar permits BusinessCalendar, AlwaysOpen {

    /**
     * The instant reached after {@code amount} of open time counted from {@code start}. When {@code start} is
     * outside hours, counting begins at the next opening. A zero amount gives the first open instant at or after
     * {@code start}. An amount that ends exactly at a closing gives that closing instant, not the next opening.
     *
     * @throws IllegalArgumentException if {@code amount} is negative (a programming error)
     */
    Instant addOpenTime(Instant start, Duration amount);

    /** The open time in {@code [from, to)}; zero if {@code to} is not after {@code from}. */
    Duration openTimeBetween(Instant from, Instant to);

    /** Whether support works at {@code at}; an opening is inclusive, a closing exclusive. */
    boolean isOpen(Instant at);

    /** Shared precondition of {@link #addOpenTime}. */
    static Duration requireNonNegative(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("open time to add must not be negative, was " + amount);
        }
        return amount;
    }
}
