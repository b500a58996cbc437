package io.guichet.app.cli;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.cli.admin.MarkdownArticle;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.demo.DemoDiscord;
import io.guichet.app.demo.DemoMailServer;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.kb.Article;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.desk.DirectoryOutcome;
import io.guichet.core.ticket.Actor;
import io.guichet.core.version.ProductVersion;
import io.guichet.mail.headers.SubjectTag;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code guichet demo}: everything embedded, to see Guichet work in a minute. An embedded PostgreSQL (data in a
 * temporary directory), an in-process IMAP and SMTP server on free localhost ports, a seeded customer account with
 * two authorized contacts (one certified) and product versions. Sends a sample request, prints the answer with its
 * ticket number, then keeps running so more mail can be sent with any client ({@code --once} exits instead). With
 * {@code --discord-standin} it also starts a local stand-in for Discord and the technicians' console against it,
 * runs {@code /ticket show} on the new ticket as a technician, and prints the page where people can see what the bot
 * posted and type commands.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run Guichet with an embedded database and mail server, send a sample request, print the answer.")
public final class DemoCommand implements Callable<Integer> {

    static final String SUPPORT = "support@guichet.demo";
    static final String CUSTOMER = "bob@demo-corp.example";
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @Option(names = "--once", description = "Do the round trip, print the answer and exit (0 when answered).")
    private boolean once;

    @Option(names = "--discord-standin", description = "Also run a local stand-in for Discord and the technicians' "
            + "console against it (no Discord account needed); its page shows what the bot posted and takes commands.")
    private boolean discordStandIn;

    @Option(names = "--discord-standin-port", defaultValue = "0", paramLabel = "PORT",
            description = "Port of the stand-in's page and API (default: a free port).")
    private int discordStandInPort;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!greenMailPresent()) {
            err.println("guichet demo: this installation has no demo mail server (GreenMail is left out of the"
                    + " container image, which is for production); run the demo from the distribution archive or"
                    + " a checkout.");
            err.flush();
            return CliFailures.INFRASTRUCTURE;
        }
        Path work = Files.createTempDirectory("guichet-demo-");
        DemoMailServer mail = DemoMailServer.start(new String[] {SUPPORT, "support", "support"},
                new String[] {CUSTOMER, "bob", "bob"}, new String[] {"alice@demo-corp.example", "alice", "alice"});
        int smtpPort = mail.smtpPort();
        int imapPort = mail.imapPort();
        out.println("Demo mail server: SMTP 127.0.0.1:" + smtpPort + ", IMAP 127.0.0.1:" + imapPort);
        Optional<DemoDiscord> discord = Optional.empty();
        if (discordStandIn) {
            try {
                discord = Optional.of(DemoDiscord.start(discordStandInPort));
            } catch (java.io.UncheckedIOException e) {
                mail.close();
                err.println("guichet demo: " + e.getMessage() + " (choose another --discord-standin-port).");
                return CliFailures.INFRASTRUCTURE;
            }
            out.println("Discord stand-in (a local server that answers the bot as Discord would): "
                    + discord.get().pageUrl());
        }
        out.println("Starting the embedded database (the first start takes a few seconds)...");
        out.flush();

        int webPort = freePort();
        GuichetConfig config = config(smtpPort, imapPort, webPort, work,
                discord.map(DemoDiscord::settings).orElse(Map.of()));
        DatabaseHandle database = DatabaseHandle.ephemeral(work.resolve("pgdata"), 4);
        GuichetNode node = new GuichetNode(config, database.database(), Clock.systemUTC());
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Optional<DemoDiscord> standIn = discord;
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                node.close();
                standIn.ifPresent(DemoDiscord::close);
                database.close();
                mail.close();
                deleteQuietly(work);
            }
        };
        try {
            seed(node);
            node.start();
            mail.send(CUSTOMER, SUPPORT, "Agents offline since the upgrade", """
                    Hello,

                    Since last night's upgrade all our agents show offline in the console.

                    Severity: 2
                    Server URL: https://vsa.demo-corp.example
                    Module: Agent
                    Steps to reproduce: upgrade the server to 10.0, open the console, look at the agents page
                    Affected devices: SN-4471 / dev-17
                    Version: VSA 10.0

                    Bob
                    """);
            out.println("Sent a sample request from " + CUSTOMER + " to " + SUPPORT + ".");
            out.flush();
            Optional<DemoMailServer.ReceivedMail> answer = mail.awaitMailFor("demo-corp.example", ANSWER_TIMEOUT);
            if (answer.isEmpty()) {
                err.println("guichet demo: no answer arrived within " + ANSWER_TIMEOUT.toSeconds()
                        + " s; the log above says why.");
                stop.run();
                return CliFailures.INFRASTRUCTURE;
            }
            Optional<String> number = printAnswer(out, answer.get());
            if (!showTicketPage(out, err, answer.get().body())) {
                stop.run();
                return CliFailures.INFRASTRUCTURE;
            }
            if (standIn.isPresent() && !showOnDiscord(out, err, standIn.get(), number)) {
                stop.run();
                return CliFailures.INFRASTRUCTURE;
            }
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
        if (once) {
            stop.run();
            return 0;
        }
        printHowTo(out, smtpPort, imapPort);
        standIn.ifPresent(d -> printDiscordHowTo(out, d));
        node.httpPort().ifPresent(port -> out.println("Health and metrics: http://127.0.0.1:" + port
                + "/health/ready and http://127.0.0.1:" + port + "/metrics"));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stopAndRelease = () -> {
            stop.run();
            stopped.countDown();
        };
        Signals.onTermination(stopAndRelease);
        Runtime.getRuntime().addShutdownHook(new Thread(stopAndRelease, "guichet-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** A free port of the loopback interface for the customers' pages (the links in mails name it). */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The ticket's page link the answer ends with: opened once here, then printed for a browser. */
    private static boolean showTicketPage(PrintWriter out, PrintWriter err, String answer) throws Exception {
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/t/[A-Za-z0-9_.-]+)")
                .matcher(answer);
        if (!link.find()) {
            err.println("guichet demo: the answer carries no link to the ticket's page.");
            return false;
        }
        java.net.http.HttpResponse<String> page;
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(link.group(1))).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }
        if (page.statusCode() != 200) {
            err.println("guichet demo: the ticket's page answered " + page.statusCode() + ".");
            return false;
        }
        out.println();
        out.println("The ticket's page, as the customer reaches it from the mail (open it in a browser; docs/web.md):");
        out.println("  " + link.group(1));
        out.flush();
        return true;
    }

    /** Whether the demo's mail server is on the class path (the archive's launcher adds it for the demo only). */
    private static boolean greenMailPresent() {
        try {
            Class.forName("com.icegreen.greenmail.util.GreenMail", false, DemoCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A technician looks at the new ticket from the console, through the stand-in; false if the bot never answered. */
    private static boolean showOnDiscord(PrintWriter out, PrintWriter err, DemoDiscord discord, Optional<String> number)
            throws InterruptedException {
        if (!discord.awaitBot(ANSWER_TIMEOUT)) {
            err.println("guichet demo: the Discord console did not connect to the stand-in within "
                    + ANSWER_TIMEOUT.toSeconds() + " s; the log above says why.");
            return false;
        }
        String command = "/ticket show ticket:" + number.map(n -> n.replace("#", "")).orElse("1000");
        Optional<String> shown = discord.command("tess", command, ANSWER_TIMEOUT);
        if (shown.isEmpty()) {
            err.println("guichet demo: the Discord console did not answer " + command + " within "
                    + ANSWER_TIMEOUT.toSeconds() + " s; the log above says why.");
            return false;
        }
        out.println();
        out.println("On Discord (the stand-in), technician tess typed " + command + "; only she sees the answer:");
        out.println("----------------------------------------------------------------");
        out.println(shown.get());
        out.println("----------------------------------------------------------------");
        out.flush();
        return true;
    }

    private static void printDiscordHowTo(PrintWriter out, DemoDiscord discord) {
        String page = discord.pageUrl();
        out.println();
        out.println("Discord without Discord: " + page);
        out.println("  That page shows what the bot posted (answers, staff-channel notices, their buttons, which you can"
                + " click), every call it made to 'Discord', and a box to type slash commands as a member.");
        out.println("  Members: " + discord.members() + ".");
        out.println("  From a terminal: curl --data-urlencode 'command=/queue' -d member=tess " + page + "interactions");
        out.println("                   curl --data-urlencode 'command=/ticket claim ticket:1000' -d member=max "
                + page + "interactions");
        out.println("  What the bot sent, as JSON: curl " + page + "calls.json");
    }

    private static GuichetConfig config(int smtpPort, int imapPort, int webPort, Path work, Map<String, String> discord) {
        Map<String, String> values = new HashMap<>(discord);
        values.put("GUICHET_IMAP_HOST", "127.0.0.1");
        values.put("GUICHET_IMAP_PORT", Integer.toString(imapPort));
        values.put("GUICHET_IMAP_SECURITY", "none");
        values.put("GUICHET_IMAP_USER", "support");
        values.put("GUICHET_IMAP_PASSWORD", "support");
        values.put("GUICHET_IMAP_POLL_INTERVAL", "PT5S");
        values.put("GUICHET_SMTP_HOST", "127.0.0.1");
        values.put("GUICHET_SMTP_PORT", Integer.toString(smtpPort));
        values.put("GUICHET_SMTP_SECURITY", "none");
        values.put("GUICHET_SUPPORT_ADDRESS", SUPPORT);
        values.put("GUICHET_SUPPORT_NAME", "Guichet demo support");
        values.put("GUICHET_DATA_DIR", work.toString());
        values.put("GUICHET_HTTP_PORT", "0");
        values.put("GUICHET_WEB_PORT", Integer.toString(webPort));
        return switch (ConfigReader.read(values)) {
            case ConfigReader.Result.Valid valid -> valid.config();
            case ConfigReader.Result.Invalid invalid ->
                    throw new IllegalStateException("demo configuration is invalid: " + invalid.problems());
        };
    }

    /** A covered account, a certified French contact, an English one, and a product line (R1, R10, R20). */
    private static void seed(GuichetNode node) {
        LocalDate today = LocalDate.now(Clock.systemUTC());
        DirectoryDesk directory = node.desks().directory();
        Actor.Staff demo = Actor.Staff.operator("demo");
        List<DirectoryOutcome> outcomes = new ArrayList<>();
        outcomes.add(directory.addAccount(demo, "Demo Corp", Optional.of(today.plusYears(1)),
                new AccountManager("Marie Curie", "marie.curie@guichet.demo")));
        outcomes.add(directory.addContact(demo, new DirectoryDesk.NewContact("Demo Corp", "Alice Martin",
                EmailAddress.parse("alice@demo-corp.example").orElseThrow(), "+33 1 23 45 67 89", Language.FR,
                Optional.empty(), Optional.of(today.plusMonths(10)))));
        outcomes.add(directory.addContact(demo, new DirectoryDesk.NewContact("Demo Corp", "Bob Smith",
                EmailAddress.parse(CUSTOMER).orElseThrow(), "+1 555 0100", Language.EN, Optional.empty(),
                Optional.empty())));
        outcomes.add(directory.addVersion(demo, new DirectoryDesk.NewVersion("VSA", "9.0", today.minusYears(3), true,
                Optional.empty())));
        outcomes.add(directory.addVersion(demo, new DirectoryDesk.NewVersion("VSA", "9.5", today.minusMonths(18), true,
                Optional.empty())));
        outcomes.add(directory.addVersion(demo, new DirectoryDesk.NewVersion("VSA", "10.0", today.minusMonths(6), true,
                Optional.empty())));
        outcomes.stream().filter(DirectoryOutcome.Refused.class::isInstance).findFirst().ifPresent(refused -> {
            throw new IllegalStateException("demo data refused: " + refused);
        });
        List<Article> articles = new ArrayList<>();
        for (String article : new String[] {"agents-offline.md", "agents-hors-ligne.fr.md", "feature-requests.md"}) {
            switch (MarkdownArticle.parse(article, resource("/io/guichet/app/demo/kb/" + article))) {
                case MarkdownArticle.Read.Ok ok -> articles.add(ok.article());
                case MarkdownArticle.Read.Invalid invalid ->
                        throw new IllegalStateException("demo article " + article + ": " + invalid.reason());
            }
        }
        node.desks().knowledge().save(demo, articles);
    }

    /** Prints the answer; returns the ticket number it names. */
    private static Optional<String> printAnswer(PrintWriter out, DemoMailServer.ReceivedMail answer) {
        String subject = answer.subject();
        Optional<String> number = new SubjectTag(SubjectTag.DEFAULT_FORMAT).find(subject).map(Object::toString);
        out.println();
        out.println("Answer received" + number.map(n -> ": ticket " + n).orElse("") + ".");
        out.println("----------------------------------------------------------------");
        out.println("From: " + answer.from());
        out.println("Subject: " + subject);
        out.println();
        out.println(answer.body().strip());
        out.println("----------------------------------------------------------------");
        out.flush();
        return number;
    }

    private static void printHowTo(PrintWriter out, int smtpPort, int imapPort) {
        out.println();
        out.println("Guichet keeps running. Write more mail as " + CUSTOMER + " (English) or alice@demo-corp.example"
                + " (French, certified), for example:");
        out.println("  swaks --server 127.0.0.1:" + smtpPort + " --from " + CUSTOMER + " --to " + SUPPORT
                + " --header 'Subject: Console slow' --body 'Severity: 3'");
        out.println("  printf 'From: " + CUSTOMER + "\\r\\nTo: " + SUPPORT
                + "\\r\\nSubject: Console slow\\r\\n\\r\\nSeverity: 3\\r\\n' > mail.txt");
        out.println("  curl --url smtp://127.0.0.1:" + smtpPort + " --mail-from " + CUSTOMER + " --mail-rcpt " + SUPPORT
                + " --upload-file mail.txt");
        out.println("Read the answers: curl --url 'imap://127.0.0.1:" + imapPort + "/INBOX;UID=1' --user bob:bob"
                + "  (or any IMAP client: user bob, password bob; alice/alice).");
        out.println("Reply with the ticket tag in the subject, e.g. 'Re: [Ticket#1000] ...', to add to the ticket.");
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    private static String resource(String path) {
        try (java.io.InputStream in = DemoCommand.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
