package io.guichet.mail;

import io.guichet.mail.oauth.AccessTokens;

import java.util.Objects;
import java.util.Properties;

/** How Guichet logs in to the IMAP or SMTP server as the support mailbox. */
public sealed interface MailLogin {

    /** The account logged in as. */
    String user();

    /** LOGIN or AUTH PLAIN/LOGIN with a password. */
    record Password(String user, String password) implements MailLogin {
        public Password {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[" + user + "]";
        }
    }

    /** SASL XOAUTH2 with an access token of {@code tokens}, obtained and renewed as needed. */
    record OAuth2(String user, AccessTokens tokens) implements MailLogin {
        public OAuth2 {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(tokens, "tokens");
        }

        @Override
        public String toString() {
            return "OAuth2[" + user + " with the " + tokens.describe() + "]";
        }
    }

    /**
     * The session properties of this login for one protocol ({@code prefix} is {@code mail.imap.}, {@code mail.smtp.}
     * ...): with OAuth2, XOAUTH2 is the only mechanism offered (the token is given as the password).
     */
    default void applyTo(Properties props, String prefix) {
        if (this instanceof OAuth2) {
            props.setProperty(prefix + "auth.mechanisms", "XOAUTH2");
        }
    }
}
