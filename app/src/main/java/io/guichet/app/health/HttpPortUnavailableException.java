package io.guichet.app.health;

/** The health and metrics port cannot be listened on (taken, or not allowed): an operator fixes the setting. */
public final class HttpPortUnavailableException extends RuntimeException {

    public HttpPortUnavailableException(int port, String reason) {
        super("GUICHET_HTTP_PORT " + port + " cannot be listened on (" + reason + "): free it, choose another port,"
                + " or set it to off.", null, false, false);
    }
}
