package io.guichet.mail;

import io.guichet.mail.oauth.AccessToken;
import io.guichet.mail.oauth.AccessTokens;
import io.guichet.mail.oauth.OAuthLoginException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Logs in to an IMAP or SMTP server with a {@link MailLogin}. With OAuth2, a token the server refuses (it was revoked,
 * or the server thinks it expired) is replaced by a new one from the token endpoint and the login tried once more;
 * if the new one is refused too, or no token can be had, an {@link OAuthLoginException} explains why, and the caller's
 * own backoff applies before the next attempt.
 */
public final class ServerLogin {

    private static final Logger log = LoggerFactory.getLogger(ServerLogin.class);

    private ServerLogin() {
    }

    /** One connect-and-authenticate of the protocol's client, with the user and the password or token to give. */
    @FunctionalInterface
    public interface Connect {
        void connect(String user, String secret) throws MessagingException;
    }

    /**
     * Connects and logs in. Returns, for OAuth2, how long the token used stays fresh: a long-lived session should be
     * renewed by then (a server may end a session whose token has expired).
     */
    public static Optional<Duration> logIn(MailLogin login, String server, Connect connect) throws MessagingException {
        return switch (login) {
            case MailLogin.Password password -> {
                connect.connect(password.user(), password.password());
                yield Optional.empty();
            }
            case MailLogin.OAuth2 oauth -> Optional.of(withToken(oauth, server, connect));
        };
    }

    private static Duration withToken(MailLogin.OAuth2 oauth, String server, Connect connect)
            throws MessagingException {
        AccessTokens tokens = oauth.tokens();
        AccessToken token = issued(tokens.current());
        try {
            connect.connect(oauth.user(), token.value());
            return tokens.freshFor(token);
        } catch (AuthenticationFailedException refused) {
            log.warn("the {} server refused the OAuth2 access token of {} ({}); asking for a new one", server,
                    oauth.user(), firstLine(refused));
        }
        AccessToken fresh = issued(tokens.replace(token));
        try {
            connect.connect(oauth.user(), fresh.value());
            return tokens.freshFor(fresh);
        } catch (AuthenticationFailedException refusedAgain) {
            throw new OAuthLoginException("OAuth2: the " + server + " server refused a new access token of "
                    + oauth.user() + " (" + firstLine(refusedAgain) + "); check that the application may use this"
                    + " mailbox (docs/mail.md)");
        }
    }

    private static AccessToken issued(AccessTokens.Outcome outcome) throws OAuthLoginException {
        return switch (outcome) {
            case AccessTokens.Outcome.Issued issued -> issued.token();
            case AccessTokens.Outcome.Unavailable unavailable -> throw new OAuthLoginException(unavailable.reason());
        };
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
