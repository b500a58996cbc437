package io.guichet.mail.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An OAuth2 token endpoint on loopback, for tests (the JDK's HTTP server): records every request's form, and answers
 * as scripted: tokens {@code token-1}, {@code token-2}... of a given lifetime, or a refusal.
 */
public final class TokenEndpointStandIn implements AutoCloseable {

    /** One request received, with the token issued for it (or null when refused). */
    public record Request(Instant at, Map<String, String> form, String issued) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofHours(1);
    private volatile String refusal;
    private volatile int refusalStatus;
    private volatile int refusalsLeft;
    private volatile String rotatedRefreshToken;
    private volatile Consumer<String> onIssue = token -> { };
    private final Queue<Map.Entry<Integer, String>> verbatim = new ConcurrentLinkedQueue<>();

    public TokenEndpointStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** The endpoint's URL, shaped like Microsoft's. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/guichet-test/oauth2/v2.0/token");
    }

    /** From now on, issues tokens valid this long. */
    public void issue(Duration lifetime) {
        this.lifetime = lifetime;
        this.refusal = null;
    }

    /** From now on, the next {@code times} requests are refused with this status and JSON error body. */
    public void refuse(int times, int status, String error, String description) {
        this.refusalStatus = status;
        this.refusalsLeft = times;
        this.refusal = "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}";
    }

    /** The next request is answered with exactly this status and body. */
    public void replyOnce(int status, String body) {
        verbatim.add(Map.entry(status, body));
    }

    /** The next token answer also carries this new refresh token. */
    public void rotateRefreshToken(String refreshToken) {
        this.rotatedRefreshToken = refreshToken;
    }

    /** Called with each token issued, before it is sent (a test makes the mail server accept it). */
    public void onIssue(Consumer<String> listener) {
        this.onIssue = listener;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public int count() {
        return requests.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String body;
        int status;
        String token = null;
        synchronized (this) {
            if (!"POST".equals(exchange.getRequestMethod())
                    || !exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/x-www-form-urlencoded")) {
                status = 400;
                body = "{\"error\":\"invalid_request\"}";
            } else if (!verbatim.isEmpty()) {
                Map.Entry<Integer, String> reply = verbatim.remove();
                status = reply.getKey();
                body = reply.getValue();
            } else if (refusal != null && refusalsLeft > 0) {
                refusalsLeft--;
                status = refusalStatus;
                body = refusal;
            } else {
                token = "token-" + issued.incrementAndGet();
                onIssue.accept(token);
                status = 200;
                String rotated = rotatedRefreshToken;
                rotatedRefreshToken = null;
                body = "{\"token_type\":\"Bearer\",\"expires_in\":" + lifetime.toSeconds() + ",\"ext_expires_in\":"
                        + lifetime.toSeconds() + ",\"access_token\":\"" + token + "\""
                        + (rotated == null ? "" : ",\"refresh_token\":\"" + rotated + "\"") + "}";
            }
            requests.add(new Request(Instant.now(), form, token));
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
