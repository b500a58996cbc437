package io.guichet.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Conversions between the core's {@link Instant}s and PostgreSQL's {@code timestamptz} as jOOQ maps it. */
final class Times {

    private Times() {
    }

    static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime atOrNull(Optional<Instant> instant) {
        return instant.map(Times::at).orElse(null);
    }

    static Instant instant(OffsetDateTime at) {
        return at.toInstant();
    }

    static Optional<Instant> optional(OffsetDateTime at) {
        return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
    }
}
