package io.guichet.mail;

import io.guichet.mail.oauth.OAuthLoginException;
import jakarta.mail.AuthenticationFailedException;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Why a connection to a mail server failed, in an operator's words: the host is unknown, it refuses connections, it
 * does not answer, TLS failed, or it refused the login. Never includes a password.
 */
public enum ConnectionFailure {
    UNKNOWN_HOST("unknown host: the name does not resolve (check the host setting and DNS)"),
    REFUSED("connection refused: nothing listens on that port (check the port and the security setting)"),
    NO_ROUTE("no route to the host (check the network and firewalls)"),
    TIMEOUT("no answer in time (a firewall may drop the connection, or the port is wrong)"),
    TLS("TLS failed"),
    LOGIN_REFUSED("the server refused the login (check the user and the password)"),
    OTHER("failed");

    private final String meaning;

    ConnectionFailure(String meaning) {
        this.meaning = meaning;
    }

    /** The kind of failure {@code failure} is, looking through its causes. */
    public static ConnectionFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return LOGIN_REFUSED;
            }
            if (t instanceof UnknownHostException) {
                return UNKNOWN_HOST;
            }
            if (t instanceof ConnectException) {
                return REFUSED;
            }
            if (t instanceof NoRouteToHostException) {
                return NO_ROUTE;
            }
            if (t instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof SSLException) {
                return TLS;
            }
        }
        return OTHER;
    }

    /**
     * When the server refused the login itself (not a failure to obtain an OAuth2 token, which has its own backoff):
     * {@code PROTOCOL login refused for USER: <the server's words>}, on one line and at most 200 characters of them.
     */
    public static Optional<String> loginRefusal(String protocol, String user, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OAuthLoginException) {
                return Optional.empty();
            }
            if (t instanceof AuthenticationFailedException refused) {
                String words = refused.getMessage() == null ? "" : refused.getMessage().replaceAll("\\s+", " ").strip();
                return Optional.of(protocol + " login refused for " + user + ": "
                        + (words.isEmpty() ? "no reason given" : words.length() > 200 ? words.substring(0, 200) : words));
            }
        }
        return Optional.empty();
    }

    /** One line: what happened, and the server's or the library's own words when they help. */
    public static String describe(Throwable failure) {
        ConnectionFailure kind = of(failure);
        String detail = switch (kind) {
            case TLS, OTHER, LOGIN_REFUSED -> innermost(failure);
            default -> "";
        };
        return kind.meaning + (detail.isBlank() ? "" : ": " + detail);
    }

    private static String innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
