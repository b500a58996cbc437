package io.guichet.app.node;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.discord.console.Answer;
import io.guichet.discord.console.Console;
import io.guichet.discord.console.SlashInput;
import io.guichet.discord.console.StaffRoles;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several support addresses, with real PostgreSQL and GreenMail (one server holds the three mailboxes): a mail to
 * each is answered From the address written to, and so are later mails about its ticket; three mailboxes on two
 * nodes are spread, and when the database session that holds one node's mailbox locks is killed, the mailboxes are
 * read again and every mail is handled exactly once across it.
 */
@ExtendWith(PostgresExtension.class)
class SeveralMailboxesIT {

    private static final String BOB = "bob@acme.example";
    private static final List<String> NAMES = List.of("DE", "EN", "FR");
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The first key of the mailbox locks ("GUIC"), as pg_locks shows it. */
    private static final long LOCK_CLASS = 0x47554943L;

    /** A different request in each mail: near-identical mail right after our answers would be stopped as a loop. */
    private static final List<String> WORDS = List.of(
            "The mobile application crashes when a technician opens a ticket with an attachment.",
            "Alerts for disk space arrive twice for every server since the last monitoring update.",
            "We would like to add three new contacts for our office in Lyon, who should we ask?",
            "The agents went offline after the upgrade of the server last night.",
            "Our patch deployment fails on every Windows machine with error 1603.",
            "Could you tell us when version 9.6 will be released for on-premise installations?",
            "The console asks for a licence key that we entered already twice this week.",
            "Backups of the reporting database stopped on Monday, the log shows a timeout.",
            "Two technicians cannot log in since their accounts were moved to the new tenant.");

    private GreenMail mail;
    private int sent;
    private final List<GuichetNode> nodes = new ArrayList<>();

    @BeforeEach
    void startMail() {
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        for (String name : NAMES) {
            mail.setUser(address(name), name.toLowerCase(), "secret-" + name.toLowerCase());
        }
        mail.setUser(BOB, "bob", "bob");
    }

    @AfterEach
    void stop() {
        nodes.forEach(GuichetNode::close);
        mail.stop();
    }

    private static String address(String name) {
        return "support-" + name.toLowerCase() + "@guichet.test";
    }

    /** Three mailboxes on one server: shared IMAP/SMTP settings, each its own login, address and (FR) language. */
    private GuichetConfig config() {
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.put("GUICHET_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
        settings.put("GUICHET_IMAP_SECURITY", "none");
        settings.put("GUICHET_IMAP_POLL_INTERVAL", "PT10S");
        settings.put("GUICHET_IMAP_WORKERS", "1");
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_HTTP_PORT", "off");
        for (String name : NAMES) {
            settings.put("GUICHET_MAILBOX_" + name + "_IMAP_USER", name.toLowerCase());
            settings.put("GUICHET_MAILBOX_" + name + "_IMAP_PASSWORD", "secret-" + name.toLowerCase());
            settings.put("GUICHET_MAILBOX_" + name + "_FROM", address(name));
            settings.put("GUICHET_MAILBOX_" + name + "_FROM_NAME", "Support " + name);
        }
        settings.put("GUICHET_MAILBOX_FR_LANGUAGE", "fr");
        ConfigReader.Result result = ConfigReader.readForRun(settings);
        assertThat(result).isInstanceOf(ConfigReader.Result.Valid.class);
        GuichetConfig config = ((ConfigReader.Result.Valid) result).config();
        assertThat(ConfigReader.requireMailChannel(config)).isEmpty();
        return config;
    }

    private GuichetNode node(Database database) {
        GuichetNode node = new GuichetNode(config(), database, Clock.systemUTC());
        nodes.add(node);
        return node;
    }

    private static void seedBob(GuichetNode node) {
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse(BOB).orElseThrow(), "",
                    Language.EN, Optional.empty(), Optional.empty());
        });
    }

    @Test
    @DisplayName("R2: three mailboxes: a mail to each is answered From the address written to; a console reply on a ticket goes out From its mailbox")
    void eachMailAnsweredFromItsAddress(Database database) throws Exception {
        GuichetNode node = node(database);
        seedBob(node);
        node.start();
        for (String name : NAMES) {
            send(BOB, address(name), "Question for " + name);
        }

        await().atMost(WAIT).until(() -> answers(BOB).size() >= 3);
        Map<String, MimeMessage> bySubject = answers(BOB).stream()
                .collect(Collectors.toMap(SeveralMailboxesIT::subjectOf, m -> m));
        for (String name : NAMES) {
            MimeMessage answer = bySubject.entrySet().stream().filter(e -> e.getKey().endsWith("Question for " + name))
                    .map(Map.Entry::getValue).findFirst().orElseThrow();
            InternetAddress from = (InternetAddress) answer.getFrom()[0];
            assertThat(from.getAddress()).as("the answer to the mail to %s", address(name)).isEqualTo(address(name));
            assertThat(from.getPersonal()).isEqualTo("Support " + name);
        }
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select mailbox from tickets order by number")) {
            List<String> mailboxes = new ArrayList<>();
            while (rs.next()) {
                mailboxes.add(rs.getString(1));
            }
            assertThat(mailboxes).as("each ticket remembers the mailbox it came in through")
                    .containsExactlyInAnyOrderElementsOf(NAMES.stream().map(SeveralMailboxesIT::address).toList());
        }

        String frTicket = subjectOf(bySubject.entrySet().stream().filter(e -> e.getKey().endsWith("Question for FR"))
                .findFirst().orElseThrow().getValue()).replaceAll("^\\[Ticket#(\\d+)].*", "$1");
        Console console = new Console(node.desks(), new StaffRoles("tech", "manager"));
        Answer reply = console.handle(new SlashInput("42", "tess", Set.of("tech"), "ticket reply",
                Map.of("ticket", frTicket, "text", "Please restart the agent service.")));
        assertThat(reply.content()).doesNotContainIgnoringCase("wrong");
        node.dispatchers().forEach(io.guichet.mail.smtp.SmtpOutboxDispatcher::wakeUp);
        await().atMost(WAIT).until(() -> answers(BOB).size() >= 4);
        MimeMessage technician = answers(BOB).stream()
                .filter(m -> body(m).contains("Please restart the agent service")).findFirst().orElseThrow();
        assertThat(((InternetAddress) technician.getFrom()[0]).getAddress())
                .as("a technician's reply goes out From the ticket's mailbox").isEqualTo(address("FR"));

        mail.setUser("eve@other.example", "eve", "eve");
        send("eve@other.example", address("FR"), "1234", "1234\n");
        await().atMost(WAIT).until(() -> answers("eve@other.example").size() >= 1);
        MimeMessage refusal = answers("eve@other.example").getFirst();
        assertThat(((InternetAddress) refusal.getFrom()[0]).getAddress())
                .as("R10: mail that opens no ticket is answered From the address written to").isEqualTo(address("FR"));
        assertThat(body(refusal)).as("in the mailbox's language when the mail's own cannot be told")
                .contains("n'est pas un contact autorisé");
    }

    @Test
    @DisplayName("R2: three mailboxes on two nodes: spread, the holder's database session killed, then a node dead, every mail handled exactly once")
    void failoverAfterTheHoldersSessionIsKilled(Database database) throws Exception {
        GuichetNode first = node(database);
        seedBob(first);
        first.start();
        await().atMost(WAIT).until(() -> locksOf(database, first) == 3);
        GuichetNode second = node(database);
        second.start();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(locksOf(database, second)).as("the second node takes its share").isGreaterThanOrEqualTo(1);
            assertThat(locksOf(database, first)).as("the first node gives up what exceeds its share").isLessThanOrEqualTo(2);
            assertThat(grantedLocks(database)).isEqualTo(3);
        });

        for (String name : NAMES) {
            send(BOB, address(name), "Before " + name);
        }
        await().atMost(WAIT).until(() -> answers(BOB).size() >= 3);

        GuichetNode victim = locksOf(database, first) >= locksOf(database, second) ? first : second;
        int victimLocks = locksOf(database, victim);
        int pid = victim.mailboxLock().sessionPid().orElseThrow();
        long killed = System.nanoTime();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(" + pid + ")");
        }
        for (String name : NAMES) { // written while the mailboxes have no reader
            send(BOB, address(name), "After " + name);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> grantedLocks(database) == 3 && !pidHoldsLocks(database, pid));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf("mailbox takeover: %d mailbox(es) of the killed session (pid %d) read again after %d ms"
                        + " (held now: first node %d, second node %d)%n", victimLocks, pid, takeover.toMillis(),
                locksOf(database, first), locksOf(database, second));
        assertThat(takeover).isLessThanOrEqualTo(Duration.ofSeconds(60));

        await().atMost(WAIT).until(() -> answers(BOB).size() >= 6);
        Thread.sleep(3_000); // a duplicate answer would show up by now
        List<String> subjects = answers(BOB).stream().map(SeveralMailboxesIT::subjectOf).sorted().toList();
        assertThat(subjects).as("one answer per mail, none twice").hasSize(6);
        for (String name : NAMES) {
            assertThat(subjects).filteredOn(s -> s.endsWith("] Before " + name)).hasSize(1);
            assertThat(subjects).filteredOn(s -> s.endsWith("] After " + name)).hasSize(1);
        }
        for (MimeMessage answer : answers(BOB)) {
            String subject = subjectOf(answer);
            String name = subject.substring(subject.length() - 2);
            assertThat(((InternetAddress) answer.getFrom()[0]).getAddress()).isEqualTo(address(name));
        }
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from tickets")) {
            rs.next();
            assertThat(rs.getInt(1)).as("one ticket per mail").isEqualTo(6);
        }

        // a node that dies: its lock session ends and it never comes back; the other node must take its mailboxes
        GuichetNode dead = locksOf(database, first) >= locksOf(database, second) ? first : second;
        GuichetNode survivor = dead == first ? second : first;
        int deadLocks = locksOf(database, dead);
        int deadPid = dead.mailboxLock().sessionPid().orElseThrow();
        long died = System.nanoTime();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_terminate_backend(" + deadPid + ")");
        }
        dead.close();
        nodes.remove(dead);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> locksOf(database, survivor) == 3);
        Duration survivorTook = Duration.ofNanos(System.nanoTime() - died);
        System.out.printf("mailbox takeover by the other node: %d mailbox(es) of the dead node (pid %d) taken after"
                + " %d ms%n", deadLocks, deadPid, survivorTook.toMillis());
        assertThat(survivorTook).isLessThanOrEqualTo(Duration.ofSeconds(60));
        for (String name : NAMES) {
            send(BOB, address(name), "Later " + name);
        }
        await().atMost(WAIT).until(() -> answers(BOB).size() >= 9);
        Thread.sleep(3_000);
        List<String> all = answers(BOB).stream().map(SeveralMailboxesIT::subjectOf).toList();
        assertThat(all).as("one answer per mail, none twice").hasSize(9);
        for (String name : NAMES) {
            assertThat(all).filteredOn(s -> s.endsWith("] Later " + name)).hasSize(1);
        }
    }

    private static int grantedLocks(Database database) throws SQLException {
        return query(database, "select count(*) from pg_locks where locktype = 'advisory' and classid = "
                + LOCK_CLASS + " and objsubid = 2 and granted");
    }

    private static boolean pidHoldsLocks(Database database, int pid) throws SQLException {
        return query(database, "select count(*) from pg_locks where locktype = 'advisory' and classid = "
                + LOCK_CLASS + " and granted and pid = " + pid) > 0;
    }

    private static int locksOf(Database database, GuichetNode node) throws SQLException {
        java.util.OptionalInt pid = node.mailboxLock().sessionPid();
        if (pid.isEmpty()) {
            return 0;
        }
        return query(database, "select count(*) from pg_locks where locktype = 'advisory' and classid = "
                + LOCK_CLASS + " and objsubid = 2 and granted and pid = " + pid.getAsInt());
    }

    private static int query(Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<MimeMessage> answers(String to) {
        String domain = to.substring(to.indexOf('@') + 1);
        return Arrays.stream(mail.getReceivedMessagesForDomain(domain)).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(to));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String from, String to, String subject) throws MessagingException {
        send(from, to, subject, "Severity: 2\n\n" + WORDS.get(sent++ % WORDS.size()) + "\n");
    }

    private void send(String from, String to, String subject, String body) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        Transport.send(message);
    }
}
