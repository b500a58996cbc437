package io.guichet.app.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (every check passes: 200, else 503, with a JSON
 * body naming each check; {@code /health} answers the same) and {@code /metrics} (Prometheus text), on the JDK's HTTP server.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code port} (0: a free port) on all interfaces. */
    public static HealthServer start(int port, List<Check> checks, NodeMetrics metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "guichet-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/health/live", exchange -> respond(exchange, 200, "application/json",
                "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> ready(exchange, checks));
        server.createContext("/health", exchange -> ready(exchange, checks));
        server.createContext("/metrics", exchange -> {
            try {
                respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } catch (RuntimeException e) {
                LOG.error("metrics could not be rendered", e);
                respond(exchange, 500, "text/plain; charset=utf-8", "metrics could not be rendered; see the log\n");
            }
        });
        server.start();
        LOG.info("health and metrics on http://localhost:{}/health/ready and /metrics", server.getAddress().getPort());
        return new HealthServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
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

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
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
    }
}
