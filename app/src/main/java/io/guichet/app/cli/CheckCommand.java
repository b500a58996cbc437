package io.guichet.app.cli;

import io.guichet.app.config.GuichetConfig;
import io.guichet.db.Database;
import io.guichet.db.DatabaseUnavailableException;
import io.guichet.db.EmbeddedPostgresServer;
import io.guichet.db.MigrationFailedException;
import io.guichet.db.SchemaState;
import io.guichet.mail.ConnectionFailure;
import io.guichet.app.node.GuichetNode;
import io.guichet.mail.imap.ImapProbe;
import io.guichet.mail.imap.ImapSettings;
import io.guichet.mail.smtp.SmtpProbe;
import io.guichet.mail.smtp.SmtpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code guichet check}: the whole configuration in one pass (every mistake listed with what is accepted), then
 * each part {@code run} needs, reached for real: the database, the IMAP login, the SMTP server (EHLO, STARTTLS or
 * TLS, AUTH, QUIT: no mail is sent) and, when a token is set, Discord, all at once. Each gets one line with a clear
 * cause. {@code run} makes the same probes before it starts.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check the configuration, then reach the database, the mailbox (IMAP login), the SMTP server"
                + " (no mail sent) and Discord; say what fails and why.")
public final class CheckCommand implements Callable<Integer> {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    private CommandSpec spec;

    @Mixin
    private Configured configured;

    /** One part, and whether it works. */
    record Verdict(String part, boolean ok, String detail) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<GuichetConfig> read = configured.readForRun(System.getenv(), spec.commandLine().getErr());
        if (read.isEmpty()) {
            return CliFailures.CONFIG;
        }
        GuichetConfig config = read.get();
        out.println("Configuration: valid.");
        out.flush();
        List<Verdict> verdicts = probes(config);
        verdicts.forEach(v -> out.println(line(v)));
        long failed = verdicts.stream().filter(v -> !v.ok()).count();
        out.println(failed == 0 ? "Everything answers: 'guichet run' can start."
                : failed + (failed == 1 ? " part fails" : " parts fail") + "; 'guichet run' would not work until fixed.");
        out.flush();
        return failed == 0 ? 0 : CliFailures.INFRASTRUCTURE;
    }

    /**
     * Every part of a valid configuration reached, all at once (each within its own timeout): the database, then the
     * IMAP login, the SMTP server and Discord when they are set, in that order.
     */
    static List<Verdict> probes(GuichetConfig config) {
        List<Callable<Verdict>> probes = new ArrayList<>();
        probes.add(() -> database(config.database()));
        if (config.mailboxes().stream().anyMatch(m -> !m.name().isEmpty())) {
            for (GuichetConfig.MailboxSetup m : config.mailboxes()) { // each mailbox's servers, named by its address
                String which = "mailbox " + m.name() + " (" + m.label() + "): ";
                m.imap().ifPresent(box -> probes.add(() -> named(which, imap(config, box))));
                m.smtp().ifPresent(smtp -> probes.add(() -> named(which, smtp(config, smtp, m.mail()))));
            }
        } else {
            config.mailbox().ifPresent(box -> probes.add(() -> imap(config, box)));
            config.smtp().ifPresent(smtp -> config.mail().ifPresent(mail -> probes.add(() -> smtp(config, smtp, mail))));
        }
        config.discord().token().ifPresent(token -> probes.add(() -> discord(token)));
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Verdict>> running = probes.stream().map(each::submit).toList();
            List<Verdict> verdicts = new ArrayList<>();
            for (Future<Verdict> probe : running) {
                try {
                    verdicts.add(probe.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a probe failed unexpectedly", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while probing", e);
                }
            }
            return verdicts;
        }
    }

    private static Verdict named(String which, Verdict verdict) {
        return new Verdict(verdict.part(), verdict.ok(), which + verdict.detail());
    }

    private static Verdict imap(GuichetConfig config, GuichetConfig.MailboxConfig box) {
        String where = box.user() + "@" + box.host() + ":" + box.port() + " (" + box.security() + ")";
        ImapSettings d = GuichetNode.imapSettings(config, box);
        ImapSettings settings = new ImapSettings(d.host(), d.port(), d.security(), d.trust(), d.login(),
                d.folder(), d.processedFolder(), d.quarantineFolder(), TIMEOUT, TIMEOUT, TIMEOUT,
                d.idleRenewal(), d.pollInterval(), d.batchSize(), d.maxMessageBytes(), 1);
        return ImapProbe.login(settings).map(why -> new Verdict("imap", false, where + ": " + why))
                .orElseGet(() -> new Verdict("imap", true, where + ": logged in"));
    }

    private static Verdict smtp(GuichetConfig config, GuichetConfig.SmtpConfig smtp, GuichetConfig.MailConfig mail) {
        String where = smtp.user().map(u -> u + "@").orElse("") + smtp.host() + ":" + smtp.port() + " ("
                + smtp.security() + ")";
        SmtpSettings d = GuichetNode.smtpSettings(config, smtp, mail);
        SmtpSettings settings = new SmtpSettings(d.host(), d.port(), d.security(), d.trust(), d.login(),
                d.fromAddress(), d.fromName(), TIMEOUT, TIMEOUT, TIMEOUT, d.batchSize(), d.lease(), d.pollInterval(),
                d.retry());
        return SmtpProbe.connect(settings).map(why -> new Verdict("smtp", false, where + ": " + why))
                .orElseGet(() -> new Verdict("smtp", true, where + ": connected"
                        + (smtp.user().isPresent() ? " and logged in" : "") + ", no mail sent"));
    }

    static String line(Verdict verdict) {
        return String.format("  %-4s  %-8s  %s", verdict.ok() ? "ok" : "FAIL", verdict.part(), verdict.detail());
    }

    /** The configured PostgreSQL answers (and its schema version); the embedded one's directory is usable. */
    static Verdict database(GuichetConfig.DatabaseConfig config) {
        if (config.url().isPresent()) {
            try (Database database = Database.connect(config.url().get(), config.user(), config.password(), 1)) {
                return schema(database);
            } catch (DatabaseUnavailableException | MigrationFailedException e) {
                return new Verdict("database", false, e.getMessage());
            }
        }
        Path data = config.dataDirectory().resolve("pgdata");
        Optional<EmbeddedPostgresServer.Running> running = EmbeddedPostgresServer.running(data);
        if (running.isPresent()) {
            try (Database database = Database.connect(running.get().jdbcUrl(), running.get().user(),
                    running.get().password(), 1)) {
                Verdict schema = schema(database);
                return new Verdict("database", schema.ok(), "the embedded PostgreSQL of a running node (data in "
                        + data + ") " + schema.detail());
            } catch (DatabaseUnavailableException | MigrationFailedException e) {
                return new Verdict("database", false, e.getMessage());
            }
        }
        Path existing = data;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            return new Verdict("database", false, "embedded PostgreSQL: " + data + " cannot be created or written"
                    + " (set GUICHET_DATA_DIR to a directory this user may write)");
        }
        return new Verdict("database", true, "embedded PostgreSQL, data in " + data
                + (Files.exists(data.resolve("PG_VERSION")) ? "" : " (created by the first 'run')"));
    }

    /**
     * The database answers, and where its schema stands: a schema migrated by a newer release fails (a node would
     * refuse to start on it); none yet, or behind this build, is what {@code run} migrates.
     */
    private static Verdict schema(Database database) {
        return switch (database.schemaState()) {
            case SchemaState.Current current -> new Verdict("database", true, "answers; schema at version "
                    + current.known());
            case SchemaState.Missing missing -> new Verdict("database", true, "answers; no Guichet schema yet ('run'"
                    + " or 'guichet migrate' creates it)");
            case SchemaState.Older older -> new Verdict("database", true, "answers; schema at version "
                    + older.current() + " ('run' or 'guichet migrate' brings it to " + older.known() + ")");
            case SchemaState.Newer newer -> new Verdict("database", false, "answers, but its schema at version "
                    + newer.current() + " is newer than this Guichet (" + newer.known() + "): use the newer release");
        };
    }

    /** The bot token is accepted by Discord's API. */
    private static Verdict discord(String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://discord.com/api/v10/users/@me"))
                .timeout(TIMEOUT).header("Authorization", "Bot " + token).GET().build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return switch (status) {
                case 200 -> new Verdict("discord", true, "the bot token is accepted");
                case 401 -> new Verdict("discord", false, "Discord refused the bot token (GUICHET_DISCORD_TOKEN)");
                default -> new Verdict("discord", false, "Discord answered HTTP " + status);
            };
        } catch (IOException e) {
            return new Verdict("discord", false, "discord.com: " + ConnectionFailure.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict("discord", false, "interrupted");
        }
    }
}
