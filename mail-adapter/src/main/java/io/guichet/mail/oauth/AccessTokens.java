package io.guichet.mail.oauth;

import io.guichet.mail.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The access token of one grant, obtained when first needed, kept, and replaced ahead of its expiry
 * ({@link AccessToken#renewAt()}) or when a server refuses it. Shared by the IMAP reader and the SMTP sender of a
 * mailbox; thread-safe.
 *
 * <p>When the token endpoint refuses or cannot be reached, the reason is kept for health checks and the endpoint is
 * not asked again before a backoff delay (1 s doubling to 2 min, with jitter): callers retrying in a loop get the
 * same reason meanwhile, not a storm of requests. A token past its renewal time but not yet expired is still used
 * while the endpoint is failing.
 */
public final class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(2);

    /** A token to log in with, or why there is none now. */
    public sealed interface Outcome {
        record Issued(AccessToken token) implements Outcome {
        }

        record Unavailable(String reason) implements Outcome {
        }
    }

    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final Backoff backoff;
    private OAuthGrant grant;
    private AccessToken token;
    private Instant nextAttempt = Instant.MIN;
    private volatile String problem;

    public AccessTokens(OAuthGrant grant, TokenEndpoint endpoint, Clock clock) {
        this(grant, endpoint, clock, FIRST_RETRY, LONGEST_RETRY);
    }

    /** With the backoff after an endpoint failure: {@code firstRetry} doubling up to {@code longestRetry}. */
    public AccessTokens(OAuthGrant grant, TokenEndpoint endpoint, Clock clock, Duration firstRetry,
                        Duration longestRetry) {
        this.grant = Objects.requireNonNull(grant, "grant");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backoff = new Backoff(firstRetry, longestRetry);
    }

    /** The kept token while it is fresh, else a new one from the endpoint. */
    public synchronized Outcome current() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.renewAt())) {
            return new Outcome.Issued(token);
        }
        return obtain(now);
    }

    /**
     * A server refused {@code refused}: a new token, unless one newer than it is already kept (the other protocol
     * replaced it meanwhile).
     */
    public synchronized Outcome replace(AccessToken refused) {
        Instant now = clock.instant();
        if (token != null && !token.equals(refused) && now.isBefore(token.renewAt())) {
            return new Outcome.Issued(token);
        }
        if (token != null && token.equals(refused)) {
            token = null;
        }
        return obtain(now);
    }

    /**
     * How long a session logged in with {@code issued} may last from now before logging in again: until the token's
     * renewal time; for a token past it (served while the endpoint fails), until it expires, so that a session is not
     * renewed again and again with the same token.
     */
    public Duration freshFor(AccessToken issued) {
        Instant now = clock.instant();
        Instant until = now.isBefore(issued.renewAt()) ? issued.renewAt() : issued.expiresAt();
        Duration left = Duration.between(now, until);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The last failure to obtain a token, until a token is obtained. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** What grant this is, for messages. */
    public synchronized String describe() {
        return grant.describe();
    }

    private Outcome obtain(Instant now) {
        if (now.isBefore(nextAttempt)) {
            return fallback(now, problem);
        }
        String failure = switch (grant.request(now)) {
            case OAuthGrant.Request.Unusable unusable -> "OAuth2: cannot ask for a token with the "
                    + grant.describe() + ": " + unusable.problem();
            case OAuthGrant.Request.Form form -> switch (endpoint.request(grant.tokenEndpoint(), form.fields())) {
                case TokenEndpoint.Answer.Issued issued -> {
                    accept(issued, now);
                    yield null;
                }
                case TokenEndpoint.Answer.Refused refused -> "OAuth2: the token endpoint "
                        + grant.tokenEndpoint().getHost() + " refused the " + grant.describe() + ": " + refused.error()
                        + (refused.description().isEmpty() ? "" : " (" + refused.description() + ")");
                case TokenEndpoint.Answer.Failed failed -> "OAuth2: no token for the " + grant.describe() + ": "
                        + failed.reason();
            };
        };
        if (failure == null) {
            return new Outcome.Issued(token);
        }
        Duration delay = backoff.next();
        nextAttempt = now.plus(delay);
        problem = failure;
        log.warn("{}; next attempt in {} s at the earliest", failure, Math.max(1, delay.toSeconds()));
        return fallback(now, failure);
    }

    private void accept(TokenEndpoint.Answer.Issued issued, Instant now) {
        token = new AccessToken(issued.accessToken(), now, now.plus(issued.expiresIn()));
        problem = null;
        nextAttempt = Instant.MIN;
        backoff.reset();
        if (issued.refreshToken().isPresent() && grant instanceof OAuthGrant.RefreshToken refresh) {
            grant = refresh.withRefreshToken(issued.refreshToken().get());
            log.info("OAuth2: the token endpoint issued a new refresh token; it is used from now on, in memory only");
        }
        log.info("OAuth2: access token obtained with the {} (valid {} s)", grant.describe(),
                issued.expiresIn().toSeconds());
    }

    /** While the endpoint fails, a token past its renewal time but not expired still serves. */
    private Outcome fallback(Instant now, String reason) {
        if (token != null && now.isBefore(token.expiresAt())) {
            return new Outcome.Issued(token);
        }
        return new Outcome.Unavailable(reason);
    }
}
