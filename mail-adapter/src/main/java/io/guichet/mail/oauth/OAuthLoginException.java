package io.guichet.mail.oauth;

import jakarta.mail.AuthenticationFailedException;

/**
 * An OAuth2 login that cannot be made: no token can be had, or the server refused a new one too. Its message is a
 * complete, single-line explanation for logs and health checks, without secrets.
 */
public final class OAuthLoginException extends AuthenticationFailedException {

    private static final long serialVersionUID = 1L;

    public OAuthLoginException(String explanation) {
        super(explanation);
    }
}
