package io.guichet.mail.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth2 access token and its lifetime by our own clock ({@code obtainedAt} plus the endpoint's
 * {@code expires_in}). It is renewed ahead of its expiry: five minutes before, or halfway through a lifetime shorter
 * than ten minutes.
 */
public record AccessToken(String value, Instant obtainedAt, Instant expiresAt) {

    private static final Duration RENEWAL_MARGIN = Duration.ofMinutes(5);

    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(obtainedAt)) {
            throw new IllegalArgumentException("expiresAt must follow obtainedAt");
        }
    }

    /** When a new token should replace this one. */
    public Instant renewAt() {
        Duration half = Duration.between(obtainedAt, expiresAt).dividedBy(2);
        return expiresAt.minus(half.compareTo(RENEWAL_MARGIN) < 0 ? half : RENEWAL_MARGIN);
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "AccessToken[obtained " + obtainedAt + ", expires " + expiresAt + "]";
    }
}
