package io.guichet.core.desk;

import java.util.Objects;

/**
 * Leaves a desk's transaction so that it rolls back, carrying the outcome the desk returns once outside it (a
 * {@link ConcurrentChange}). Only desks throw and catch it: it never reaches a caller.
 */
final class RolledBack extends RuntimeException {

    private final ConcurrentChange change;

    RolledBack(ConcurrentChange change) {
        super("ticket " + change.ticket() + " changed concurrently", null, false, false);
        this.change = Objects.requireNonNull(change, "change");
    }

    ConcurrentChange change() {
        return change;
    }
}
