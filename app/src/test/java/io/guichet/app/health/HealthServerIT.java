package io.guichet.app.health;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.db.Database;
import io.guichet.db.JooqOutbox;
import io.guichet.db.JooqStatistics;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class HealthServerIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @DisplayName("a running node answers live, ready and metrics with Guichet's figures and the JVM's")
    void runningNode(Database database) throws Exception {
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.read(Map.of("GUICHET_HTTP_PORT", "0"))).config();
        try (GuichetNode node = new GuichetNode(config, database, Clock.systemUTC())) {
            node.start();
            int port = node.httpPort().orElseThrow();

            assertThat(get(port, "/health/live")).satisfies(r -> assertThat(r.statusCode()).isEqualTo(200));
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"name\":\"database\",\"status\":\"UP\"").endsWith("\"status\":\"UP\"}");
            assertThat(get(port, "/health").body()).as("/health answers as /health/ready").isEqualTo(ready.body());
            Awaitility.await("the first periodic read of the database figures").atMost(Duration.ofSeconds(20))
                    .until(() -> get(port, "/metrics").body(), body -> body.contains("guichet_statistics_up 1"));
            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("# TYPE guichet_target_breaches_total counter",
                    "guichet_outbox_abandoned 0.0", "hikaricp_connections_active{pool=\"guichet\"}",
                    "hikaricp_connections_pending{pool=\"guichet\"}", "hikaricp_connections_max{pool=\"guichet\"}",
                    "guichet_mails_in_progress");
            assertThat(metrics.body()).contains("guichet_outbox_backlog", "guichet_mail_quarantined 0", "guichet_outbox_oldest_age_seconds",
                    "guichet_deadline_lag_seconds", "guichet_target_breaches_total", "guichet_statistics_age_seconds",
                    "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "system_cpu_count");
        }
    }

    @Test
    @DisplayName("readiness is 503 and names the database when it does not answer; metrics still answer and say the figures are stale")
    void databaseDown(TestDatabase test) throws Exception {
        Database own = Database.connect(test.jdbcUrl(), test.user(), test.password(), 2);
        JooqStatistics statistics = new JooqStatistics(own.transactions().autoCommit());
        try (NodeMetrics metrics = new NodeMetrics(statistics, new JooqOutbox(own.transactions().autoCommit()),
                new io.guichet.db.JooqQuarantine(own.transactions().autoCommit()), Clock.systemUTC());
             HealthServer server = HealthServer.start(0, List.of(Checks.database(statistics)), metrics)) {
            assertThat(get(server.port(), "/health/ready").statusCode()).isEqualTo(200);
            assertThat(metrics.refresh()).isTrue();

            own.close();

            HttpResponse<String> ready = get(server.port(), "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"name\":\"database\",\"status\":\"DOWN\"").doesNotContain("Exception");
            assertThat(metrics.refresh()).as("the periodic read fails").isFalse();
            HttpResponse<String> scrape = get(server.port(), "/metrics");
            assertThat(scrape.statusCode()).as("metrics still answer, with the JVM's and the last figures").isEqualTo(200);
            assertThat(scrape.body()).contains("guichet_statistics_up 0", "guichet_outbox_backlog 0",
                    "jvm_memory_used_bytes");
            assertThat(get(server.port(), "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("paths are exact, only GET and HEAD are answered, and the server listens on loopback by default")
    void exactPathsAndMethods(Database database) throws Exception {
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.read(Map.of("GUICHET_HTTP_PORT", "0"))).config();
        assertThat(config.operations().httpBind().isLoopbackAddress()).isTrue();
        try (GuichetNode node = new GuichetNode(config, database, Clock.systemUTC())) {
            node.start();
            int port = node.httpPort().orElseThrow();

            assertThat(get(port, "/healthXYZ").statusCode()).isEqualTo(404);
            assertThat(get(port, "/health/live/more").statusCode()).isEqualTo(404);
            assertThat(get(port, "/metricsz").statusCode()).isEqualTo(404);
            assertThat(get(port, "/").statusCode()).isEqualTo(404);
            HttpResponse<String> delete = send(port, "/metrics", "DELETE");
            assertThat(delete.statusCode()).isEqualTo(405);
            assertThat(delete.headers().firstValue("Allow")).contains("GET, HEAD");
            assertThat(send(port, "/health/ready", "POST").statusCode()).isEqualTo(405);
            HttpResponse<String> head = send(port, "/health/live", "HEAD");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    private HttpResponse<String> send(int port, String path, String method) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
