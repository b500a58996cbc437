package io.guichet.core.deadline;

import java.time.Instant;
import java.util.Objects;

/**
 * One timed rule of a ticket as its current state implies it. {@code step} tells apart deadlines of one kind (the
 * reminder number, from 0); it is 0 for the other kinds. A ticket has at most one deadline per kind and step.
 */
public record PlannedDeadline(DeadlineKind kind, int step, Instant dueAt) {

    public PlannedDeadline {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, was " + step);
        }
    }

    public static PlannedDeadline of(DeadlineKind kind, Instant dueAt) {
        return new PlannedDeadline(kind, 0, dueAt);
    }
}
