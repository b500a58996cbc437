package io.guichet.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.health.NodeMetrics;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.db.JooqOutbox;
import io.guichet.db.JooqStatistics;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Abandoned outbox mail is counted, listed and sent again, against a real PostgreSQL and a real SMTP server. */
@ExtendWith(PostgresExtension.class)
class OutboxAbandonedIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("mail the SMTP server never took is abandoned after the retry window, counted, listed, and sent by 'outbox retry'")
    void abandonedThenRetried(TestDatabase database, @TempDir Path dir) throws Exception {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_DB_URL", database.jdbcUrl());
        settings.put("GUICHET_DB_USER", database.user());
        settings.put("GUICHET_DB_PASSWORD", database.password());
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(smtpPort));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_SUPPORT_ADDRESS", "support@guichet.test");
        settings.put("GUICHET_OUTBOX_RETRY_WINDOW", "1s");
        settings.put("GUICHET_HTTP_PORT", "off");
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.read(settings)).config();
        Path file = dir.resolve("guichet.properties");
        Files.writeString(file, "GUICHET_DB_URL=" + database.jdbcUrl() + "\nGUICHET_DB_USER=" + database.user()
                + "\nGUICHET_DB_PASSWORD=" + database.password() + "\n");
        JooqOutbox outbox = new JooqOutbox(database.database().transactions().autoCommit());

        try (GuichetNode node = new GuichetNode(config, database.database(), Clock.systemUTC())) {
            node.start();
            outbox.enqueue(new OutgoingMail(0, Optional.empty(), new MessageId("answer-1@guichet.test"),
                    EmailAddress.parse("bob@acme.example").orElseThrow(), "Bob", "Your request", "Hello Bob",
                    Optional.empty(), List.of(), true, Instant.now(), 0));
            node.dispatcher().orElseThrow().wakeUp();

            await("abandoned: nothing listens on the SMTP port and the window is 1 s").atMost(Duration.ofSeconds(20))
                    .until(() -> outbox.abandoned(10), mails -> mails.size() == 1);
            long id = outbox.abandoned(10).getFirst().id();
            try (NodeMetrics metrics = new NodeMetrics(new JooqStatistics(database.database().transactions().autoCommit()), outbox,
                    new io.guichet.db.JooqQuarantine(database.database().transactions().autoCommit()), Clock.systemUTC())) {
                assertThat(metrics.refresh()).isTrue();
                assertThat(metrics.scrape()).contains("guichet_outbox_abandoned 1.0");
            }

            assertThat(run("outbox", "list", "--config", file.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("(?m)^ID +ABANDONED +QUEUED +ATTEMPTS +TICKET +TO +SUBJECT +LAST ERROR$")
                    .containsPattern("(?m)^" + id + " .* 1 +- +bob@acme\\.example +Your request +cannot connect")
                    .contains("1 mail abandoned. Once the cause is fixed: guichet outbox retry ID (or --all).");

            GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            try {
                assertThat(run("outbox", "retry", Long.toString(id), "--config", file.toString())).as(err.toString())
                        .isZero();
                assertThat(out.toString()).contains("Queued again: " + id + ".");
                node.dispatcher().orElseThrow().wakeUp();
                await("sent once the server is back").atMost(Duration.ofSeconds(20))
                        .until(() -> smtp.getReceivedMessages().length == 1);
                assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Your request");
            } finally {
                smtp.stop();
            }
            assertThat(outbox.abandoned(10)).isEmpty();
            assertThat(run("outbox", "list", "--config", file.toString())).isZero();
            assertThat(out.toString()).contains("No abandoned mail");
            assertThat(run("outbox", "retry", Long.toString(id), "--config", file.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("no abandoned mail with id " + id);
            assertThat(run("outbox", "retry", "--all", "--config", file.toString())).isZero();
            assertThat(out.toString()).contains("No abandoned mail to send again.");
        }
    }

    @Test
    @DisplayName("outbox retry refuses a bad id, or ids with --all, before connecting to anything")
    void badArguments() {
        assertThat(run("outbox", "retry")).isEqualTo(2);
        assertThat(err.toString()).contains("Give the ids of the mail to send again, or --all");
        assertThat(run("outbox", "retry", "12", "--all")).isEqualTo(2);
        assertThat(run("outbox", "retry", "twelve")).isEqualTo(2);
        assertThat(err.toString()).contains("ID: 'twelve' is not an outbox id").doesNotContain("Exception");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
