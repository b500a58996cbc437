package io.guichet.app.cli;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.GuichetCli;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.mail.QuarantinedMail;
import io.guichet.db.JooqQuarantine;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code guichet quarantine} against a running node, GreenMail and PostgreSQL. The database refuses any ticket whose
 * subject names "poison" (a trigger), so the node quarantines such a mail after its attempts; the operator lists it,
 * fixes the cause and releases it, and the node handles it again.
 */
@ExtendWith(PostgresExtension.class)
class QuarantineCliIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private GreenMail mail;
    private GreenMailUser support;
    private GuichetNode node;
    private TestDatabase database;
    private Path config;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start(TestDatabase database, @TempDir Path dir) throws IOException {
        this.database = database;
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mail.start();
        support = mail.setUser("support@guichet.test", "support", "secret");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("GUICHET_DB_URL", database.jdbcUrl());
        settings.put("GUICHET_DB_USER", database.user());
        settings.put("GUICHET_DB_PASSWORD", database.password());
        settings.put("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.put("GUICHET_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
        settings.put("GUICHET_IMAP_SECURITY", "none");
        settings.put("GUICHET_IMAP_USER", "support");
        settings.put("GUICHET_IMAP_PASSWORD", "secret");
        settings.put("GUICHET_IMAP_POLL_INTERVAL", "PT0.5S");
        settings.put("GUICHET_MAIL_MAX_ATTEMPTS", "2");
        settings.put("GUICHET_SUPPORT_ADDRESS", "support@guichet.test");
        settings.put("GUICHET_HTTP_PORT", "off");
        config = dir.resolve("guichet.properties");
        Files.writeString(config, settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")) + "\n");
        node = new GuichetNode(((ConfigReader.Result.Valid) ConfigReader.read(settings)).config(), database.database(),
                Clock.systemUTC());
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse("bob@acme.example")
                    .orElseThrow(), "", Language.EN, Optional.empty(), Optional.empty());
        });
        database.database().dsl().execute("""
                create function refuse_poison() returns trigger language plpgsql as $$
                begin
                    if new.subject like '%poison%' then
                        raise exception 'poisoned ticket';
                    end if;
                    return new;
                end $$;
                create trigger refuse_poison before insert on tickets for each row execute function refuse_poison();
                """);
    }

    @AfterEach
    void stop() {
        node.close();
        mail.stop();
    }

    @Test
    @DisplayName("a mail that keeps failing is listed and shown with why; released once the cause is fixed, it is handled again")
    void listShowRelease() throws Exception {
        node.start();
        deliver("Console poison");

        await().atMost(WAIT).until(() -> quarantine().count() == 1 && folder("Quarantine") == 1);
        QuarantinedMail kept = quarantine().list(1).getFirst();
        assertThat(kept.reason()).contains("2 times");

        assertThat(run("quarantine", "list")).isZero();
        assertThat(out.toString()).contains(Long.toString(kept.id())).contains("bob@acme.example")
                .contains("Console poison").contains("handling failed 2 times").contains("1 of 1 quarantined mail(s)")
                .doesNotContain("poisoned ticket");
        assertThat(run("quarantine", "show", Long.toString(kept.id()))).isZero();
        assertThat(out.toString()).contains("<" + kept.messageId().orElseThrow() + ">").contains("UID " + kept.position().uid())
                .contains("reason      handling failed 2 times");

        database.database().dsl().execute("drop trigger refuse_poison on tickets");
        assertThat(run("quarantine", "release", Long.toString(kept.id()))).isZero();
        assertThat(out.toString()).contains("Released mail " + kept.id()).contains("moved back to INBOX");

        // the failed attempts used ticket numbers (a sequence does not roll back): look the ticket up by its subject
        await().atMost(WAIT).until(() -> database.database().dsl()
                .fetchCount(org.jooq.impl.DSL.table("tickets"), org.jooq.impl.DSL.condition("subject = 'Console poison'")) == 1);
        await().atMost(WAIT).until(() -> folder("Processed") == 1);
        assertThat(folder("Quarantine")).isZero();
        assertThat(run("quarantine", "list")).isZero();
        assertThat(out.toString()).contains("No quarantined mail.");
        assertThat(quarantine().find(kept.id())).flatMap(QuarantinedMail::releasedAt).isPresent();

        assertThat(run("quarantine", "release", Long.toString(kept.id()))).isEqualTo(1);
        assertThat(err.toString()).contains("already released");
        assertThat(run("quarantine", "release", "999")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no quarantined mail 999");
    }

    @Test
    @DisplayName("release says so, and changes nothing, when the mailbox cannot be reached or is not configured")
    void releaseNeedsTheMailbox() throws Exception {
        node.start();
        deliver("Console poison");
        await().atMost(WAIT).until(() -> quarantine().count() == 1 && folder("Quarantine") == 1);
        long id = quarantine().list(1).getFirst().id();
        String original = Files.readString(config);
        Files.writeString(config, original.replaceAll("GUICHET_IMAP_PORT=\\d+", "GUICHET_IMAP_PORT=1"));

        assertThat(run("quarantine", "release", Long.toString(id))).isEqualTo(1);
        assertThat(err.toString()).contains("the mailbox could not be reached").contains("nothing was changed")
                .doesNotContain("Exception\n\tat");
        assertThat(quarantine().count()).as("the receipt stays quarantined").isEqualTo(1);

        Files.writeString(config, original.lines().filter(l -> !l.startsWith("GUICHET_IMAP_"))
                .collect(Collectors.joining("\n")) + "\n");
        assertThat(run("quarantine", "release", Long.toString(id))).isEqualTo(78);
        assertThat(err.toString()).contains("set GUICHET_IMAP_HOST");
        assertThat(quarantine().count()).isEqualTo(1);
        assertThat(run("quarantine", "release", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: guichet quarantine release");
    }

    private JooqQuarantine quarantine() {
        return new JooqQuarantine(database.database().transactions().autoCommit());
    }

    private void deliver(String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("Bob Smith <bob@acme.example>");
        m.setRecipients(Message.RecipientType.TO, "support@guichet.test");
        m.setSubject(subject, "UTF-8");
        m.setText("Hello,\nthe console is down.\n\nSeverity: 3\n", "UTF-8");
        m.saveChanges();
        support.deliver(m);
    }

    private int folder(String name) throws Exception {
        var manager = mail.getManagers().getImapHostManager();
        var folder = manager.getFolder(support, name);
        return folder == null ? 0 : folder.getMessageCount();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withConfig = new String[args.length + 2];
        System.arraycopy(args, 0, withConfig, 0, args.length);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = config.toString();
        return commandLine.execute(withConfig);
    }
}
