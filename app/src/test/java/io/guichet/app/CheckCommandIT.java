package io.guichet.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code guichet check} against a real PostgreSQL and real IMAP and SMTP servers (GreenMail). */
@ExtendWith(PostgresExtension.class)
class CheckCommandIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private GreenMail mail;
    private TestDatabase database;
    private Path dir;

    @BeforeEach
    void start(TestDatabase database, @TempDir Path dir) {
        this.database = database;
        this.dir = dir;
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)});
        mail.start();
        mail.setUser("support@guichet.test", "support", "secret");
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    @DisplayName("check logs in to IMAP and SMTP (sending nothing) and reaches the database")
    void everythingAnswers() throws Exception {
        int exit = check(mail.getImap().getPort(), "support", "secret", "127.0.0.1", mail.getSmtp().getPort(), "none",
                "secret", database.jdbcUrl());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("Configuration: valid.")
                .containsPattern("ok +database +answers; schema at version \\d+")
                .containsPattern("ok +imap +support@127\\.0\\.0\\.1:\\d+ \\(NONE\\): logged in")
                .containsPattern("ok +smtp +support@127\\.0\\.0\\.1:\\d+ \\(NONE\\): connected and logged in, no mail sent")
                .contains("Everything answers");
        assertThat(mail.getReceivedMessages()).isEmpty();
    }

    @Test
    @DisplayName("check names the cause of each failure in one run: refused IMAP port, refused SMTP login, database down")
    void failuresWithTheirCauses() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        int exit = check(closed, "support", "secret", "127.0.0.1", mail.getSmtp().getPort(), "none", "wrong",
                "jdbc:postgresql://127.0.0.1:" + closed + "/guichet");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString())
                .containsPattern("FAIL +database +cannot connect to jdbc:postgresql://127\\.0\\.0\\.1:" + closed)
                .containsPattern("FAIL +imap +support@127\\.0\\.0\\.1:" + closed + " \\(NONE\\): connection refused")
                .containsPattern("FAIL +smtp +.*: the server refused the login")
                .contains("3 parts fail").doesNotContain("secret", "wrong", "Exception");
    }

    @Test
    @DisplayName("check tells an unknown IMAP host and a TLS failure apart")
    void unknownHostAndTls() throws Exception {
        int exit = check(mail.getImap().getPort(), "support", "secret", "127.0.0.1", mail.getSmtps().getPort(), "tls",
                "secret", database.jdbcUrl(), "GUICHET_IMAP_HOST=no-such-host.invalid\n");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).containsPattern("FAIL +imap +support@no-such-host\\.invalid:\\d+ \\(NONE\\): unknown host")
                .containsPattern("FAIL +smtp +.*\\(TLS\\): TLS failed: ");
    }

    @Test
    @DisplayName("check lists every configuration mistake in one run, each with what is accepted")
    void fiveMistakes() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), """
                GUICHET_IMAP_HOST=imap.example.com
                GUICHET_IMAP_PORT=99999
                GUICHET_SMTP_SECURITY=ssl
                smtp_host=smtp.example.com
                GUICHET_SUPPORT_ADDRESS=support@
                GUICHET_REOPEN_WINDOW=a week
                """);

        assertThat(run("check", "--config", file.toString())).isEqualTo(78);
        assertThat(err.toString()).contains("(6 problems)", "GUICHET_IMAP_PORT: '99999' is not a whole number between 1 and 65535",
                "GUICHET_SMTP_SECURITY: 'ssl' is not one of tls, starttls, none",
                "smtp_host is not a Guichet setting; did you mean GUICHET_SMTP_HOST?",
                "GUICHET_SUPPORT_ADDRESS: 'support@' is not an e-mail address",
                "GUICHET_REOPEN_WINDOW: 'a week' is not a positive duration such as 30s, 15m, 4h, 7d",
                "GUICHET_SMTP_HOST is missing");
        assertThat(out.toString()).doesNotContain("Configuration: valid");
    }

    private int check(int imapPort, String imapUser, String imapPassword, String smtpHost, int smtpPort,
                      String smtpSecurity, String smtpPassword, String dbUrl, String... more) throws IOException {
        Path file = Files.writeString(dir.resolve("guichet.properties"), String.join("\n",
                "GUICHET_DB_URL=" + dbUrl, "GUICHET_DB_USER=" + database.user(),
                "GUICHET_DB_PASSWORD=" + database.password(),
                "GUICHET_IMAP_HOST=127.0.0.1", "GUICHET_IMAP_PORT=" + imapPort, "GUICHET_IMAP_SECURITY=none",
                "GUICHET_IMAP_USER=" + imapUser, "GUICHET_IMAP_PASSWORD=" + imapPassword,
                "GUICHET_SMTP_HOST=" + smtpHost, "GUICHET_SMTP_PORT=" + smtpPort, "GUICHET_SMTP_SECURITY=" + smtpSecurity,
                "GUICHET_SMTP_USER=support", "GUICHET_SMTP_PASSWORD=" + smtpPassword,
                "GUICHET_SUPPORT_ADDRESS=support@guichet.test", "") + String.join("", more));
        return run("check", "--config", file.toString());
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
