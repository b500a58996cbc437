package io.guichet.app.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.GuichetCli;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code guichet run} makes the checks of {@code guichet check} in one pass before starting: every failing part is
 * reported with its cause; without the database it does not start; a mail server that fails only warns, and the
 * running node's health says why.
 */
@ExtendWith(PostgresExtension.class)
class RunPreflightIT {

    private GreenMail mail;
    private TestDatabase database;
    private int closed;

    @BeforeEach
    void start(TestDatabase database) throws IOException {
        this.database = database;
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser("support@guichet.test", "support", "secret");
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    @DisplayName("run reports the database, the IMAP login and the SMTP server failing in one run, and does not start without the database")
    void everyFailureInOneRun(@TempDir Path dir) throws IOException {
        Map<String, String> settings = settings("jdbc:postgresql://127.0.0.1:" + closed + "/guichet", "wrong", closed);
        Path file = Files.writeString(dir.resolve("guichet.properties"), settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("run", "--config", file.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("guichet: 3 parts fail; not starting without a usable database:")
                .containsPattern("FAIL +database +cannot connect to jdbc:postgresql://127\\.0\\.0\\.1:" + closed)
                .containsPattern("FAIL +imap +support@127\\.0\\.0\\.1:\\d+ \\(NONE\\): the server refused the login")
                .containsPattern("FAIL +smtp +127\\.0\\.0\\.1:" + closed + " \\(NONE\\): connection refused")
                .doesNotContain("wrong", "Exception");
        assertThat(out.toString()).doesNotContain("Guichet is running");
    }

    @Test
    @DisplayName("a refused IMAP login warns and the node starts anyway; /health/ready says 'IMAP login refused for support'")
    void mailFailureWarnsAndHealthSaysWhy() throws Exception {
        Map<String, String> settings = settings(database.jdbcUrl(), "wrong", mail.getSmtp().getPort());
        settings.put("GUICHET_HTTP_PORT", "0");
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.readForRun(settings)).config();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(RunCommand.preflight(config, new PrintWriter(out, true), new PrintWriter(err, true))).isTrue();
        assertThat(err.toString()).contains("guichet: 1 part fails; starting anyway, retrying them (see /health/ready):")
                .containsPattern("FAIL +imap +.*the server refused the login");

        try (GuichetNode node = new GuichetNode(config, database.database(), Clock.systemUTC())) {
            node.start();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort().orElseThrow()
                    + "/health/ready")).GET().build();
            try (HttpClient http = HttpClient.newHttpClient()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> http.send(ready,
                        HttpResponse.BodyHandlers.ofString()).body().contains("IMAP login refused for support: "));
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).containsPattern("next attempt in \\d+ s").doesNotContain("wrong");
            }
        }
    }

    @Test
    @DisplayName("when everything answers, run's check says so in one line")
    void everythingAnswers() {
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.readForRun(
                settings(database.jdbcUrl(), "secret", mail.getSmtp().getPort()))).config();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        assertThat(RunCommand.preflight(config, new PrintWriter(out, true), new PrintWriter(err, true))).isTrue();
        assertThat(out.toString().strip()).isEqualTo("Checked before starting: database, imap, smtp answer.");
        assertThat(err.toString()).isEmpty();
    }

    private Map<String, String> settings(String dbUrl, String imapPassword, int smtpPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("GUICHET_DB_URL", dbUrl);
        settings.put("GUICHET_DB_USER", database.user());
        settings.put("GUICHET_DB_PASSWORD", database.password());
        settings.put("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.put("GUICHET_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
        settings.put("GUICHET_IMAP_SECURITY", "none");
        settings.put("GUICHET_IMAP_USER", "support");
        settings.put("GUICHET_IMAP_PASSWORD", imapPassword);
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(smtpPort));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_SUPPORT_ADDRESS", "support@guichet.test");
        settings.put("GUICHET_HTTP_PORT", "off");
        return settings;
    }
}
