package io.guichet.app.web;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.CoreAssembly;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.web.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customers' pages on the real server and database: Acme (Bob, English) and Globex (Eve, French), the core built
 * as a node builds it, the pages on a free port of the loopback address, the links read from the mails written.
 */
@ExtendWith(PostgresExtension.class)
abstract class WebPagesFixture {

    static final EmailAddress BOB = new EmailAddress("bob@acme.example");
    static final EmailAddress EVE = new EmailAddress("eve@globex.example");
    static final Actor.Staff ALICE = Actor.Staff.operator("Alice Martin");
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/t/[A-Za-z0-9_.-]+)");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    MutableClock clock;
    CoreAssembly core;
    WebServer web;
    Database database;
    Account globex;

    @BeforeEach
    void start(Database database) throws Exception {
        this.database = database;
        int port;
        try (ServerSocket free = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_SUPPORT_ADDRESS", "support@guichet.test");
        settings.put("GUICHET_HTTP_PORT", "off");
        settings.put("GUICHET_WEB_PORT", Integer.toString(port));
        settings.put("GUICHET_WEB_LINK_VALIDITY", "P30D");
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.read(settings)).config();
        clock = new MutableClock(Instant.now(), ZoneOffset.UTC);
        core = CoreAssembly.on(config, database, clock);
        web = WebServer.start(InetAddress.getLoopbackAddress(), port, core.desks(),
                core.pageLinks().orElseThrow().tickets(), core.pageLinks().orElseThrow().base());
        core.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", BOB, "", Language.EN, Optional.empty(),
                    Optional.empty());
            globex = d.contacts().addAccount("Globex", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(globex.id(), "Eve", EVE, "", Language.FR, Optional.empty(),
                    Optional.empty());
        });
    }

    @AfterEach
    void stop() {
        web.close();
    }

    /** Bob opens a ticket by mail (the desk's path); the acknowledgement's link. */
    Ticket open(EmailAddress from, String subject, String description) {
        IntakeDraft draft = IntakeDraft.empty().with(IntakeField.SUBJECT, subject)
                .with(IntakeField.DESCRIPTION, description).with(IntakeField.SEVERITY, "3")
                .with(IntakeField.VERSION, "4.2").with(IntakeField.MODULE, "Agents")
                .with(IntakeField.SERVER_URL, "https://acme.example/server")
                .with(IntakeField.STEPS_TO_REPRODUCE, "Open the console").with(IntakeField.AFFECTED_DEVICES, "All");
        CustomerOutcome outcome = core.desks().customers().handle(new CustomerCommand.OpenTicket(from, "",
                Optional.empty(), draft, false));
        return ((CustomerOutcome.Opened) outcome).ticket();
    }

    /** The page link of the last mail to {@code to}. */
    String lastLink(EmailAddress to) {
        String body = String.valueOf(database.transactions().autoCommit().dsl()
                .fetchValue("select body from outbox where recipient = ? order by id desc limit 1", to.value()));
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as("a page link in the mail:\n" + body).isTrue();
        return m.group(1);
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, Map<String, String> form, Optional<String> origin) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        origin.ifPresent(o -> request.header("Origin", o));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String formToken(String page) {
        Matcher m = Pattern.compile("name=\"form\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The reply form's one-time value on {@code page}. */
    static String once(String page) {
        Matcher m = Pattern.compile("name=\"once\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The reply form of {@code page} filled with {@code text}: its anti-forgery and one-time values. */
    static Map<String, String> replyForm(String page, String text) {
        return Map.of("form", formToken(page), "once", once(page), "text", text);
    }

    List<TicketEvent> events(Ticket ticket) {
        return core.ports().inTransaction(d -> d.tickets().events(ticket.id()));
    }

}
