package io.guichet.app.health;

/** The health and metrics port, or the customers' pages' port, cannot be listened on (taken, or not allowed): an operator fixes the setting. */
public final class HttpPortUnavailableException extends RuntimeException {

    public HttpPortUnavailableException(int port, String reason) {
        this("GUICHET_HTTP_PORT", port, reason);
    }

    /** The port of {@code setting} (the health server's, the customers' pages') cannot be listened on. */
    public HttpPortUnavailableException(String setting, int port, String reason) {
        super(setting + " " + port + " cannot be listened on (" + reason + "): free it, choose another port,"
                + " or set it to off.", null, false, false);
    }
}
