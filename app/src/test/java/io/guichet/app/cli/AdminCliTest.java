package io.guichet.app.cli;

import io.guichet.app.GuichetCli;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.TicketNumber;
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

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class AdminCliTest {

    /** R10: a certification day within the one-year limit, whatever the day the tests run. */
    private static final String SOON = java.time.LocalDate.now(java.time.Clock.systemUTC()).plusMonths(6).toString();

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
        assertThat(run("accounts", "add", "Acme", "--coverage-until", "2030-12-31", "--manager-name", "Marie Curie",
                "--manager-email", "marie@vendor.example")).isZero();
    }

    @Test
    @DisplayName("R1: accounts are added, listed with their coverage, and their coverage changes")
    void accounts() {
        assertThat(run("accounts", "list")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^NAME +COVERED THROUGH +STATUS +MANAGER$")
                .containsPattern("(?m)^Acme +2030-12-31 +active +Marie Curie <marie@vendor.example>$");

        assertThat(run("accounts", "coverage", "Acme", "2020-01-01")).isZero();
        assertThat(run("accounts", "list")).isZero();
        assertThat(out.toString()).contains("EXPIRED");
    }

    @Test
    @DisplayName("R1: an account no longer covered for all products but covered for one is listed as covered for some products")
    void accountCoveredForSomeProducts() {
        assertThat(run("versions", "add", "VSA", "9.5", "--released", "2025-01-10")).isZero();
        assertThat(run("accounts", "coverage", "Acme", "none")).isZero();
        assertThat(run("accounts", "cover", "Acme", "VSA", "--until", "2099-12-31")).isZero();
        assertThat(out.toString().strip()).isEqualTo("Acme is covered for VSA through 2099-12-31 (R1).");

        assertThat(run("accounts", "list")).isZero();
        assertThat(out.toString()).containsPattern("(?m)^Acme +never +some products +Marie Curie");
        assertThat(run("accounts", "show", "Acme")).isZero();
        assertThat(out.toString()).contains("all products  not covered", "VSA  covered through 2099-12-31");
    }

    @Test
    @DisplayName("R1: bad dates and unknown accounts are refused with what is accepted")
    void accountRefusals() {
        assertThat(run("accounts", "add", "Globex", "--coverage-until", "31/12/2030")).isEqualTo(2);
        assertThat(err.toString()).contains("--coverage-until: '31/12/2030' is not a date; write it as YYYY-MM-DD");
        assertThat(run("accounts", "add", "Acme", "--coverage-until", "2030-01-01")).isEqualTo(2);
        assertThat(err.toString()).contains("already exists");
        assertThat(run("accounts", "coverage", "Nope", "2030-01-01")).isEqualTo(1);
        assertThat(err.toString()).contains("There is no account named 'Nope'").doesNotContain("Exception");
    }

    @Test
    @DisplayName("R10: contacts are authorized, listed, certified and removed")
    void contacts() {
        assertThat(run("contacts", "add", "Acme", "Alice@Acme.example", "--name", "Alice", "--language", "fr",
                "--certified-until", SOON)).isZero();
        assertThat(run("contacts", "add", "Acme", "alice@acme.example", "--name", "Again")).isEqualTo(2);
        assertThat(run("contacts", "add", "Acme", "not-an-address", "--name", "X")).isEqualTo(2);
        assertThat(err.toString()).contains("'not-an-address' is not an e-mail address");
        assertThat(run("contacts", "add", "Acme", "x@acme.example", "--name", "X", "--language", "de")).isEqualTo(2);
        assertThat(err.toString()).contains("use en or fr");

        assertThat(run("contacts", "certify", "alice@acme.example", "none")).isZero();
        assertThat(out.toString()).contains("is no longer a certified administrator");
        assertThat(run("contacts", "list", "Acme")).isZero();
        assertThat(out.toString()).contains("alice@acme.example").contains("Alice").contains("fr").contains("active");

        assertThat(run("contacts", "remove", "alice@acme.example")).isZero();
        assertThat(run("contacts", "remove", "alice@acme.example")).isEqualTo(1);
        assertThat(err.toString()).contains("No active authorized contact has the e-mail");
    }

    @Test
    @DisplayName("R10, R15: certifying a contact re-ranks their active tickets")
    void certifyRefreshesTickets() {
        assertThat(run("contacts", "add", "Acme", "bob@acme.example", "--name", "Bob")).isZero();
        openTicketFor("bob@acme.example");

        assertThat(run("contacts", "certify", "bob@acme.example", SOON)).isZero();

        assertThat(out.toString()).contains("1 active ticket(s) now rank as from a certified submitter");
        assertThat(new io.guichet.db.JooqTicketStore(database.database().transactions().autoCommit()).find(new TicketNumber(1000))
                .orElseThrow().submitterCertifiedUntil()).contains(LocalDate.parse(SOON));
    }

    @Test
    @DisplayName("R10: a contact import is all or nothing, and every bad line is named with its reason")
    void importAllOrNothing(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, """
                account,name,email,phone,language,certified_until
                Acme,Dan,dan@acme.example,+33 1,en,
                Acme,Eve,eve@,,en,
                Globex,Finn,finn@acme.example,,fr,2030-13-01
                """);

        assertThat(run("contacts", "import", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing imported").contains("line 3: 'eve@' is not an e-mail address.")
                .contains("line 4: there is no account named 'Globex'.").contains("line 4: '2030-13-01' is not a date");
        assertThat(run("contacts", "list")).isZero();
        assertThat(out.toString()).doesNotContain("dan@acme.example");

        Path good = dir.resolve("good.csv");
        Files.writeString(good, """
                account,name,email,phone,language,certified_until
                Acme,Dan,dan@acme.example,+33 1,en,
                Acme,"Martin, Eve",eve@acme.example,,fr,%s
                """.formatted(SOON));
        assertThat(run("contacts", "import", good.toString())).isZero();
        assertThat(out.toString()).contains("Imported 2 contact(s)");
        assertThat(run("contacts", "list")).isZero();
        assertThat(out.toString()).contains("dan@acme.example").contains("Martin, Eve");
    }

    @Test
    @DisplayName("R10: a spreadsheet's CSV is read: byte-order mark, CRLF, a quoted field over several lines")
    void importSpreadsheetCsv(@TempDir Path dir) throws IOException {
        Path sheet = dir.resolve("sheet.csv");
        Files.writeString(sheet, "\uFEFFaccount,name,email,phone,language,certified_until\r\n"
                + "Acme,\"Dan \"\"the man\"\"\nSecond floor\",dan@acme.example,+33 1,en,\r\n"
                + "Acme,Eve,eve@acme.example,,fr," + SOON + "\r\n");

        assertThat(run("contacts", "import", sheet.toString())).isZero();
        assertThat(out.toString()).contains("Imported 2 contact(s)");
        assertThat(run("contacts", "list")).isZero();
        assertThat(out.toString()).contains("dan@acme.example").contains("Dan \"the man\"").contains("eve@acme.example");
    }

    @Test
    @DisplayName("R10: a bad record after a multi-line field is refused with the line the spreadsheet shows")
    void importNamesSpreadsheetLines(@TempDir Path dir) throws IOException {
        Path sheet = dir.resolve("sheet.csv");
        Files.writeString(sheet, "\uFEFFaccount,name,email,phone,language,certified_until\n"
                + "Acme,\"Dan\nSecond\nThird\",dan@acme.example,,en,\n"
                + "Acme,Eve,eve@,,en,\n"
                + "Acme,\"Finn\nSecond\",finn@acme.example,,de,\n");

        assertThat(run("contacts", "import", sheet.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing imported").contains("line 5: 'eve@' is not an e-mail address.")
                .contains("line 6: 'de' is not a language");
        assertThat(run("contacts", "list")).isZero();
        assertThat(out.toString()).doesNotContain("dan@acme.example");

        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "account,name,email,phone,language,certified_until\nAcme,\"Dan,dan@acme.example,,en,\n");
        assertThat(run("contacts", "import", broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not valid CSV");
    }

    @Test
    @DisplayName("R20: versions are recorded and listed with their support today")
    void versions() {
        LocalDate today = LocalDate.now();
        assertThat(run("versions", "add", "VSA", "9.0", "--released", today.minusYears(4).toString())).isZero();
        assertThat(run("versions", "add", "VSA", "9.5", "--released", today.minusYears(2).toString())).isZero();
        assertThat(run("versions", "add", "VSA", "10.0", "--released", today.minusMonths(3).toString())).isZero();
        assertThat(run("versions", "add", "VSA", "ten", "--released", today.toString())).isEqualTo(2);

        assertThat(run("versions", "list")).isZero();

        assertThat(out.toString()).containsPattern("9\\.0 .*NOT supported").containsPattern("9\\.5 .*supported through")
                .containsPattern("10\\.0 .*supported \\(current\\)");
    }

    @Test
    @DisplayName("R7, R15: tickets are listed in triage order; the transcript shows the thread and the audit log in time order")
    void ticketsAndTranscript() {
        assertThat(run("contacts", "add", "Acme", "bob@acme.example", "--name", "Bob")).isZero();
        openTicketFor("bob@acme.example");

        assertThat(run("tickets", "list")).isZero();
        assertThat(out.toString()).contains("#1000").contains("Agents offline").contains("1 ticket(s).");
        assertThat(run("tickets", "show", "1000")).isZero();
        assertThat(out.toString()).contains("https://vsa.acme.example").contains("Bob <bob@acme.example>");
        assertThat(run("tickets", "transcript", "#1000")).isZero();
        String transcript = out.toString();
        assertThat(transcript).contains("CREATED by customer:bob@acme.example").contains("SERVER_ACCESS by staff:tess: RDP");
        assertThat(transcript.indexOf("CREATED")).isLessThan(transcript.indexOf("SERVER_ACCESS"));
        assertThat(transcript).as("our mails are in the thread, each after the change it answers")
                .contains("mail to bob@acme.example");
        assertThat(transcript.indexOf("CREATED")).isLessThan(transcript.indexOf("mail to bob@acme.example"));
        assertThat(transcript.lastIndexOf("mail to bob@acme.example")).isGreaterThan(transcript.indexOf("SERVER_ACCESS"));
        assertThat(transcript.lines().filter(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T.*")).map(l -> l.substring(0, 19)))
                .as("entries in time order").isSorted();

        assertThat(run("tickets", "show", "abc")).isEqualTo(2);
        assertThat(run("tickets", "show", "99")).isEqualTo(1);
        assertThat(err.toString()).contains("there is no ticket #99.");
        assertThat(run("tickets", "list", "--status", "pending")).isEqualTo(2);
        assertThat(err.toString()).contains("'pending' is not one of awaiting_info, open");
    }

    @Test
    @DisplayName("R12e, R19: knowledge-base articles are imported from Markdown, all or nothing, and searched by language")
    void knowledgeBase(@TempDir Path dir) throws IOException {
        Path bad = Files.createDirectory(dir.resolve("bad"));
        Files.writeString(bad.resolve("ok.md"), "# Fine\nbody\n");
        Files.writeString(bad.resolve("untitled.md"), "no heading here\n");
        assertThat(run("kb", "import", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing imported").contains("untitled.md: no title");

        Path good = Files.createDirectory(dir.resolve("good"));
        Files.writeString(good.resolve("agents-offline.md"), "# Agents show offline\nRestart the agent service.\n");
        Files.writeString(good.resolve("agents.fr.md"), "---\nlang: fr\n---\n# Agents hors ligne\nRedémarrez le service agent.\n");
        assertThat(run("kb", "import", good.toString())).isZero();
        assertThat(out.toString()).contains("Imported 2 article(s)").contains("holds 2");
        assertThat(run("kb", "import", good.toString())).isZero();
        assertThat(out.toString()).as("same slug: updated, not doubled").contains("holds 2");

        assertThat(run("kb", "search", "agent restarting")).isZero();
        assertThat(out.toString()).contains("agents-offline  Agents show offline").contains("1 article(s).");
        assertThat(run("kb", "search", "redémarrer", "--language", "fr")).isZero();
        assertThat(out.toString()).contains("agents-fr  Agents hors ligne");
    }

    @Test
    @DisplayName("every admin command has --help")
    void helpEverywhere() {
        for (String[] command : new String[][] {{"accounts", "add"}, {"accounts", "list"}, {"accounts", "coverage"},
                {"accounts", "show"}, {"accounts", "cover"}, {"accounts", "uncover"},
                {"contacts", "add"}, {"contacts", "remove"}, {"contacts", "list"}, {"contacts", "certify"},
                {"contacts", "import"}, {"versions", "add"}, {"versions", "list"}, {"kb", "import"}, {"kb", "search"},
                {"tickets", "list"}, {"tickets", "show"}, {"tickets", "transcript"}}) {
            assertThat(run(command[0], command[1], "--help")).as(String.join(" ", command)).isZero();
            assertThat(out.toString()).startsWith("Usage: guichet " + command[0] + " " + command[1]);
        }
    }

    @Test
    @DisplayName("a missing or malformed argument is one line naming it, with a pointer to --help, exit 2")
    void usageErrorsAreOneLine() {
        assertThat(run("contacts", "add", "Acme", "--name", "A")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("guichet: Missing required parameter: 'EMAIL'."
                + " Try 'guichet contacts add --help'.");

        assertThat(run("tickets", "list", "--limit", "many")).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("guichet: Invalid value for option '--limit': 'many'")
                .doesNotContain("\n", "Usage:");
    }

    @Test
    @DisplayName("empty lists say so rather than print nothing")
    void emptyLists() {
        assertThat(run("versions", "list")).isZero();
        assertThat(out.toString()).contains("No versions recorded");
        assertThat(run("contacts", "list", "Acme")).isZero();
        assertThat(out.toString()).contains("No contacts for Acme.");
        assertThat(run("tickets", "list")).isZero();
        assertThat(out.toString()).contains("No tickets waiting.");
    }

    private void openTicketFor(String address) {
        var node = new io.guichet.app.node.GuichetNode(
                ((io.guichet.app.config.ConfigReader.Result.Valid) io.guichet.app.config.ConfigReader.read(
                        java.util.Map.of())).config(), database.database(), java.time.Clock.systemUTC());
        try {
            node.customers().handle(new CustomerCommand.OpenTicket(EmailAddress.parse(address).orElseThrow(), "Bob",
                    Optional.empty(), io.guichet.core.testing.DeskFixture.complete("2"), false));
            node.staffDesk().handle(new StaffCommand.RecordServerAccess(new Actor.Staff("tess", "tess"), new TicketNumber(1000),
                    "RDP"));
        } finally {
            node.close();
        }
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
