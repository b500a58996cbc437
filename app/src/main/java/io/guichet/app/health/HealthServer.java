package io.guichet.app.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (every check passes: 200, else 503, with a JSON
 * body naming each check; {@code /health} answers the same) and {@code /metrics} (Prometheus text), on the JDK's HTTP
 * server. Paths are matched exactly (anything else is 404) and only GET and HEAD are answered (else 405 with an
 * {@code Allow} header).
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);
    private static final String ALLOWED = "GET, HEAD";

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code port} (0: a free port) on the loopback interface. */
    public static HealthServer start(int port, List<Check> checks, NodeMetrics metrics) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, checks, metrics);
    }

    /** Listens on {@code port} (0: a free port) of {@code address} (the wildcard address: every interface). */
    public static HealthServer start(InetAddress address, int port, List<Check> checks, NodeMetrics metrics)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "guichet-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                route(exchange, checks, metrics);
            }
        });
        server.start();
        LOG.info("Health and metrics answer on http://{}:{}/health/ready and /metrics",
                host(server.getAddress()), server.getAddress().getPort());
        return new HealthServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void route(HttpExchange exchange, List<Check> checks, NodeMetrics metrics) throws IOException {
        String path = exchange.getRequestURI().getPath();
        boolean known = switch (path) {
            case "/health/live", "/health/ready", "/health", "/metrics" -> true;
            default -> false;
        };
        if (!known) {
            respond(exchange, 404, "text/plain; charset=utf-8",
                    "not found: the paths are /health/live, /health/ready, /health and /metrics\n");
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", ALLOWED);
            respond(exchange, 405, "text/plain; charset=utf-8", method + " is not allowed here; use GET or HEAD\n");
            return;
        }
        switch (path) {
            case "/health/live" -> respond(exchange, 200, "application/json", "{\"status\":\"UP\"}");
            case "/metrics" -> {
                try {
                    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                } catch (RuntimeException e) {
                    LOG.error("metrics could not be rendered", e);
                    respond(exchange, 500, "text/plain; charset=utf-8", "metrics could not be rendered; see the log\n");
                }
            }
            default -> ready(exchange, checks);
        }
    }

    private static void ready(HttpExchange exchange, List<Check> checks) throws IOException {
        StringBuilder json = new StringBuilder("{\"checks\":[");
        boolean allUp = true;
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            Check.Result result = check.run();
            allUp &= result.up();
            json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(escape(check.name()))
                    .append("\",\"status\":\"").append(result.up() ? "UP" : "DOWN")
                    .append("\",\"detail\":\"").append(escape(result.detail())).append("\"}");
        }
        json.append("],\"status\":\"").append(allUp ? "UP" : "DOWN").append("\"}");
        respond(exchange, allUp ? 200 : 503, "application/json", json.toString());
    }

    /** Sends the status and headers, and the body unless the request was HEAD. */
    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String host(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
