package io.guichet.mail.smtp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When to try a failed mail again: after {@code base}, doubling with each failure up to {@code cap}; abandoned at
 * the {@code maxAttempts}-th failure.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, was base " + base + ", cap " + cap);
        }
    }

    /** 8 attempts, 30 s doubling up to 1 h (about 1 h 34 min from the first failure to the last attempt). */
    public static RetryPolicy standard() {
        return new RetryPolicy(8, Duration.ofSeconds(30), Duration.ofHours(1));
    }

    /** After {@code failures} failed attempts (1 for the first), the next attempt's time, or empty: give up. */
    public Optional<Instant> nextAttempt(int failures, Instant now) {
        if (failures >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = base;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(now.plus(delay.compareTo(cap) > 0 ? cap : delay));
    }
}
