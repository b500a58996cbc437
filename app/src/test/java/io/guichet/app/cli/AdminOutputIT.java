package io.guichet.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.app.GuichetCli;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
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
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two forms of every list and show command: a table with a header row and aligned columns (hints once), and with
 * {@code --json} one JSON document of the documented shape, parsed back here.
 */
@ExtendWith(PostgresExtension.class)
class AdminOutputIT {

    /** R10: a certification day within the one-year limit, whatever the day the tests run. */
    private static final String SOON = java.time.LocalDate.now(java.time.Clock.systemUTC()).plusMonths(6).toString();

    private static final ObjectMapper JSON = new ObjectMapper();

    private StringWriter out;
    private StringWriter err;
    private Path config;
    private TestDatabase database;

    @BeforeEach
    void configure(TestDatabase database, @TempDir Path dir) throws IOException {
        this.database = database;
        config = dir.resolve("guichet.properties");
        Files.writeString(config, "GUICHET_DB_URL=" + database.jdbcUrl() + "\nGUICHET_DB_USER=" + database.user()
                + "\nGUICHET_DB_PASSWORD=" + database.password() + "\n");
        ok("accounts", "add", "Acme", "--coverage-until", "2030-12-31", "--manager-name", "Marie Curie",
                "--manager-email", "marie@vendor.example");
        ok("accounts", "add", "Globex Corporation", "--coverage-until", "none");
    }

    @Test
    @DisplayName("R1: accounts list: a table with a header and aligned columns; --json an array of accounts")
    void accounts() throws IOException {
        String text = ok("accounts", "list");
        assertThat(text).containsPattern("(?m)^NAME {16}COVERED THROUGH  STATUS   MANAGER$")
                .containsPattern("(?m)^Acme {16}2030-12-31       active   Marie Curie <marie@vendor.example>$")
                .containsPattern("(?m)^Globex Corporation {2}never {12}EXPIRED  -$");

        JsonNode accounts = json("accounts", "list", "--json");
        assertThat(accounts.isArray()).isTrue();
        assertThat(accounts).hasSize(2);
        JsonNode acme = accounts.get(0).get("name").asText().equals("Acme") ? accounts.get(0) : accounts.get(1);
        assertThat(acme.get("coverageUntil").asText()).isEqualTo("2030-12-31");
        assertThat(acme.get("active").asBoolean()).isTrue();
        assertThat(acme.get("manager").get("email").asText()).isEqualTo("marie@vendor.example");
        JsonNode globex = acme == accounts.get(0) ? accounts.get(1) : accounts.get(0);
        assertThat(globex.get("coverageUntil").isNull()).isTrue();
        assertThat(globex.get("manager").isNull()).isTrue();
    }

    @Test
    @DisplayName("R10: contacts list: a table; --json an array of contacts with their certification")
    void contacts() throws IOException {
        ok("contacts", "add", "Acme", "alice@acme.example", "--name", "Alice Martin", "--language", "fr",
                "--certified-until", SOON);

        String text = ok("contacts", "list");
        assertThat(text).containsPattern("(?m)^ACCOUNT +EMAIL +NAME +LANG +STATUS +CERTIFIED$")
                .containsPattern("(?m)^Acme +alice@acme\\.example +Alice Martin +fr +active +through " + SOON + "$");
        assertColumnsAligned(text);

        JsonNode contact = json("contacts", "list", "Acme", "--json").get(0);
        assertThat(contact.get("account").asText()).isEqualTo("Acme");
        assertThat(contact.get("email").asText()).isEqualTo("alice@acme.example");
        assertThat(contact.get("language").asText()).isEqualTo("fr");
        assertThat(contact.get("certifiedUntil").asText()).isEqualTo(SOON);
        assertThat(contact.get("certified").asBoolean()).isTrue();
        assertThat(contact.get("discordId").isNull()).isTrue();
        assertThat(json("contacts", "list", "Globex Corporation", "--json")).as("an empty list is []").isEmpty();
    }

    @Test
    @DisplayName("R20: versions list: a table; --json an array with each version's support verdict")
    void versions() throws IOException {
        LocalDate today = LocalDate.now();
        ok("versions", "add", "VSA", "9.0", "--released", today.minusYears(4).toString());
        ok("versions", "add", "VSA", "9.5", "--released", today.minusYears(2).toString());
        ok("versions", "add", "VSA", "10.0", "--released", today.minusMonths(3).toString());

        String text = ok("versions", "list");
        assertThat(text).containsPattern("(?m)^PRODUCT +VERSION +RELEASED +KIND +SUPPORT$")
                .containsPattern("(?m)^VSA +10\\.0 +\\d{4}-\\d\\d-\\d\\d +on-premise +supported \\(current\\)$");
        assertColumnsAligned(text);

        JsonNode versions = json("versions", "list", "--json");
        assertThat(versions).hasSize(3);
        assertThat(versions.findValuesAsText("support")).containsExactlyInAnyOrder("supported", "supported",
                "unsupported");
        for (JsonNode v : versions) {
            assertThat(v.get("product").asText()).isEqualTo("VSA");
            assertThat(v.get("onPremise").asBoolean()).isTrue();
            if (v.get("support").asText().equals("unsupported")) {
                assertThat(v.get("version").asText()).isEqualTo("9.0");
                assertThat(v.get("reason").asText()).isNotBlank();
            }
        }
    }

    @Test
    @DisplayName("R19: kb search: a table of slug and title; --json an array of articles")
    void knowledgeBase(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("agents-offline.md"), "# Agents show offline\nRestart the agent service.\n");
        ok("kb", "import", dir.toString());

        assertThat(ok("kb", "search", "agent restarting")).containsPattern("(?m)^SLUG {12}TITLE$")
                .containsPattern("(?m)^agents-offline  Agents show offline$");
        JsonNode found = json("kb", "search", "agent restarting", "--json");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("slug").asText()).isEqualTo("agents-offline");
        assertThat(found.get(0).get("title").asText()).isEqualTo("Agents show offline");
        assertThat(found.get(0).get("language").asText()).isEqualTo("en");
    }

    @Test
    @DisplayName("R15: tickets list, show and transcript: text, and --json an array or an object parsed back")
    void tickets() throws IOException {
        ok("contacts", "add", "Acme", "bob@acme.example", "--name", "Bob");
        openTicketFor("bob@acme.example");

        String list = ok("tickets", "list");
        assertThat(list).containsPattern("(?m)^TICKET +SEV +STATUS +ASSIGNEE +SUBJECT$")
                .containsPattern("(?m)^#1000 +S2 +\\w+ +- +Agents offline").contains("1 ticket(s).");
        JsonNode tickets = json("tickets", "list", "--json");
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0).get("number").asLong()).isEqualTo(1000);
        assertThat(tickets.get(0).get("severity").asInt()).isEqualTo(2);
        assertThat(tickets.get(0).get("assignee").isNull()).isTrue();
        assertThat(tickets.get(0).get("subject").asText()).contains("Agents offline");
        assertThat(json("tickets", "list", "--status", "closed", "--json")).isEmpty();

        assertThat(ok("tickets", "show", "1000")).contains("Ticket #1000").contains("Bob <bob@acme.example>");
        JsonNode ticket = json("tickets", "show", "#1000", "--json");
        assertThat(ticket.get("number").asLong()).isEqualTo(1000);
        assertThat(ticket.get("contact").get("email").asText()).isEqualTo("bob@acme.example");
        assertThat(ticket.get("serverUrl").asText()).isEqualTo("https://vsa.acme.example");
        assertThat(ticket.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(ticket.has("firstResponseDue")).isTrue();

        JsonNode transcript = json("tickets", "transcript", "1000", "--json");
        assertThat(transcript.get("number").asLong()).isEqualTo(1000);
        assertThat(transcript.get("entries").findValuesAsText("type")).contains("event", "mail");
        assertThat(transcript.get("entries").findValuesAsText("event")).contains("CREATED");
        assertThat(transcript.get("entries").findValuesAsText("direction")).contains("out");
    }

    @Test
    @DisplayName("quarantine list and show: a table with the release hint once; --json parsed back")
    void quarantine() throws IOException {
        database.database().dsl().execute("insert into inbound_receipts (mailbox, uid_validity, uid, message_id,"
                + " content_hash, sender, subject, disposition, detail, received_at, size_bytes) values ('INBOX', 7, 42,"
                + " 'q1@mail.example', 'hash-1', 'eve@acme.example', 'Broken mail', 'QUARANTINED', 'parse failed: boom',"
                + " now(), 1234)");
        long id = ((Number) database.database().dsl().fetchValue("select id from inbound_receipts")).longValue();

        String text = ok("quarantine", "list");
        assertThat(text).containsPattern("(?m)^ID +RECEIVED +SIZE +FROM +SUBJECT +REASON$")
                .containsPattern("(?m)^" + id + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +1234 +eve@acme\\.example"
                        + " +Broken mail +parse failed: boom$");
        assertThat(Pattern.compile("guichet quarantine release").matcher(text).results().count())
                .as("the hint once").isEqualTo(1);

        JsonNode mails = json("quarantine", "list", "--json");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(mails.get(0).get("reason").asText()).isEqualTo("parse failed: boom");
        assertThat(mails.get(0).get("size").asLong()).isEqualTo(1234);
        assertThat(mails.get(0).get("released").isNull()).isTrue();
        JsonNode one = json("quarantine", "show", Long.toString(id), "--json");
        assertThat(one.get("messageId").asText()).isEqualTo("q1@mail.example");
        assertThat(one.get("mailbox").get("uid").asLong()).isEqualTo(42);
        assertThat(ok("quarantine", "show", Long.toString(id))).contains("UIDVALIDITY 7, UID 42");
    }

    @Test
    @DisplayName("outbox list: a table with the retry hint once; --json an array of abandoned mail")
    void outbox() throws IOException {
        database.database().dsl().execute("insert into outbox (message_id, recipient, subject, body, automatic,"
                + " created_at, attempts, next_attempt_at, abandoned_at, last_error) values ('o1@guichet.test',"
                + " 'bob@acme.example', 'Re: Agents offline', 'body', false, now(), 12, now(), now(),"
                + " '550 mailbox unavailable')");

        String text = ok("outbox", "list");
        assertThat(text).containsPattern("(?m)^ID +ABANDONED +QUEUED +ATTEMPTS +TICKET +TO +SUBJECT +LAST ERROR$")
                .containsPattern("(?m)^\\d+ +\\S+ \\S+ +\\S+ \\S+ +12 +- +bob@acme\\.example +Re: Agents offline"
                        + " +550 mailbox unavailable$");
        assertThat(Pattern.compile("guichet outbox retry").matcher(text).results().count()).isEqualTo(1);

        JsonNode mails = json("outbox", "list", "--json");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).get("to").asText()).isEqualTo("bob@acme.example");
        assertThat(mails.get(0).get("attempts").asInt()).isEqualTo(12);
        assertThat(mails.get(0).get("ticket").isNull()).isTrue();
        assertThat(mails.get(0).get("lastError").asText()).isEqualTo("550 mailbox unavailable");
    }

    /** Every row of the table starts its second column where the header's does. */
    private static void assertColumnsAligned(String text) {
        java.util.List<String> lines = text.lines().toList();
        String header = lines.getFirst();
        int second = header.indexOf(header.split(" {2,}")[1]);
        for (String line : lines) {
            assertThat(line.charAt(second - 1)).as(line).isEqualTo(' ');
            assertThat(line.charAt(second)).as(line).isNotEqualTo(' ');
        }
    }

    private void openTicketFor(String address) {
        var node = new io.guichet.app.node.GuichetNode(
                ((io.guichet.app.config.ConfigReader.Result.Valid) io.guichet.app.config.ConfigReader.read(
                        java.util.Map.of())).config(), database.database(), java.time.Clock.systemUTC());
        try {
            node.customers().handle(new CustomerCommand.OpenTicket(EmailAddress.parse(address).orElseThrow(), "Bob",
                    Optional.empty(), io.guichet.core.testing.DeskFixture.complete("2"), false));
        } finally {
            node.close();
        }
    }

    private JsonNode json(String... args) throws IOException {
        String text = ok(args);
        return JSON.readTree(text);
    }

    private String ok(String... args) {
        assertThat(run(args)).as(String.join(" ", args) + ": " + err).isZero();
        return out.toString();
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
