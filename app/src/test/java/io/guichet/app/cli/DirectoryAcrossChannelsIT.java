package io.guichet.app.cli;

import io.guichet.app.GuichetCli;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.CoreAssembly;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.desk.Desks;
import io.guichet.db.testing.TestDatabase;
import io.guichet.discord.console.Answer;
import io.guichet.discord.console.Console;
import io.guichet.discord.console.SlashInput;
import io.guichet.discord.console.StaffRoles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same directory act from the command line and from the Discord console: the same rules, the same answer and
 * the same audit event (only the actor differs: the operator, or the Discord member by id). Each channel works on a
 * database of its own, seeded alike, so the two runs cannot see each other.
 */
class DirectoryAcrossChannelsIT {

    private static final LocalDate TODAY = LocalDate.now(Clock.systemUTC());

    private TestDatabase cliDatabase;
    private TestDatabase consoleDatabase;
    private Path config;
    private Desks consoleDesks;
    private Console console;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void twoDatabases(@TempDir Path dir) throws IOException {
        cliDatabase = TestDatabase.createMigrated();
        consoleDatabase = TestDatabase.createMigrated();
        config = dir.resolve("guichet.properties");
        Files.writeString(config, "GUICHET_DB_URL=" + cliDatabase.jdbcUrl() + "\nGUICHET_DB_USER=" + cliDatabase.user()
                + "\nGUICHET_DB_PASSWORD=" + cliDatabase.password() + "\n");
        GuichetConfig consoleConfig = ((ConfigReader.Result.Valid) ConfigReader.read(Map.of(
                "GUICHET_DB_URL", consoleDatabase.jdbcUrl()))).config();
        consoleDesks = CoreAssembly.on(consoleConfig, consoleDatabase.database(), Clock.systemUTC()).desks();
        console = new Console(consoleDesks, new StaffRoles("tech", "manager"));
        // the same starting point on both sides
        assertThat(cli("accounts", "add", "Acme", "--coverage-until", TODAY.plusYears(1).toString(),
                "--manager-name", "Marie Curie")).isZero();
        assertThat(cli("contacts", "add", "Acme", "paul@acme.example", "--name", "Paul Martin")).isZero();
        assertThat(cli("versions", "add", "VSA", "9.5", "--released", TODAY.minusYears(1).toString())).isZero();
        CoreAssembly cliCore = CoreAssembly.on(consoleConfig, cliDatabase.database(), Clock.systemUTC());
        // seed the console's database through the same desk, as a manager would
        var seed = io.guichet.core.ticket.Actor.Staff.operator("seed");
        consoleDesks.directory().addAccount(seed, "Acme", java.util.Optional.of(TODAY.plusYears(1)),
                new io.guichet.core.account.AccountManager("Marie Curie", ""));
        consoleDesks.directory().addContact(seed, new io.guichet.core.desk.DirectoryDesk.NewContact("Acme",
                "Paul Martin", io.guichet.core.account.EmailAddress.parse("paul@acme.example").orElseThrow(), "",
                io.guichet.core.account.Language.EN, java.util.Optional.empty(), java.util.Optional.empty()));
        consoleDesks.directory().addVersion(seed, new io.guichet.core.desk.DirectoryDesk.NewVersion("VSA", "9.5",
                TODAY.minusYears(1), true, java.util.Optional.empty()));
        assertThat(cliCore.desks().directory().latestAudit(10)).extracting(AuditEvent::kind)
                .containsExactlyInAnyOrderElementsOf(consoleDesks.directory().latestAudit(10).stream()
                        .map(AuditEvent::kind).toList());
    }

    @AfterEach
    void dropDatabases() {
        cliDatabase.close();
        consoleDatabase.close();
    }

    @Test
    @DisplayName("R10: adding a contact answers and audits the same from the command line and from Discord")
    void addContact() {
        String through = TODAY.plusMonths(6).toString();
        assertThat(cli("contacts", "add", "Acme", "Alice@Acme.example", "--name", "Alice Durand", "--phone", "+33 1",
                "--language", "fr", "--certified-until", through)).isZero();
        Answer answer = manager("contact add", Map.of("account", "Acme", "name", "Alice Durand",
                "email", "Alice@Acme.example", "phone", "+33 1", "language", "fr", "certified-until", through));

        assertSameAnswer(answer);
        assertSameAudit("alice@acme.example", 2, AuditKind.CONTACT_ADDED, AuditKind.CERTIFIED);
    }

    @Test
    @DisplayName("R10: a contact change made on the customer's written request records its reference and date in the audit event, the same on both channels")
    void writtenRequest() {
        String day = TODAY.minusDays(1).toString();
        assertThat(cli("contacts", "add", "Acme", "lea@acme.example", "--name", "Léa Roux", "--request",
                "Ticket #1042", "--request-date", day)).isZero();
        assertThat(cli("contacts", "remove", "paul@acme.example", "--request", "mail of the IT director",
                "--request-date", day)).isZero();
        manager("contact add", Map.of("account", "Acme", "name", "Léa Roux", "email", "lea@acme.example",
                "phone", "+33 1", "language", "en", "request", "Ticket #1042", "request-date", day));
        manager("contact remove", Map.of("email", "paul@acme.example", "request", "mail of the IT director",
                "request-date", day));

        assertSameAudit("lea@acme.example", AuditKind.CONTACT_ADDED);
        assertSameAudit("paul@acme.example", AuditKind.CONTACT_ADDED, AuditKind.CONTACT_REMOVED);
        assertThat(consoleAudit("lea@acme.example").get(0).detail())
                .endsWith("; on the customer's written request Ticket #1042 of " + day);
        assertThat(consoleAudit("paul@acme.example").get(1).detail())
                .endsWith("; on the customer's written request mail of the IT director of " + day);
        assertThat(cli("contacts", "remove", "lea@acme.example", "--request", "x")).as("reference without date")
                .isEqualTo(2);
        assertThat(err.toString()).contains("--request and --request-date go together");
    }

    @Test
    @DisplayName("R10: a contact already authorized is refused with the same words on both channels, and nothing is audited")
    void addContactTwice() {
        assertThat(cli("contacts", "add", "Acme", "paul@acme.example", "--name", "Paul Again", "--phone", "+1 555")).isEqualTo(2);
        Answer answer = manager("contact add", Map.of("account", "Acme", "name", "Paul Again",
                "email", "paul@acme.example", "phone", "+1 555", "language", "en"));

        assertThat(answer.content()).startsWith("Nothing changed.").contains(err.toString().strip().replace("guichet: ", ""));
        assertThat(consoleAudit("paul@acme.example")).extracting(AuditEvent::kind).containsExactly(AuditKind.CONTACT_ADDED);
    }

    @Test
    @DisplayName("R10: certifying without a day gives one certification period from today on both channels, audited alike")
    void certifyDefaultPeriod() {
        assertThat(cli("contacts", "certify", "paul@acme.example")).isZero();
        Answer answer = manager("contact certify", Map.of("email", "paul@acme.example"));

        assertSameAnswer(answer);
        assertThat(out.toString()).contains("through " + TODAY.plusYears(1).minusDays(1));
        assertSameAudit("paul@acme.example", AuditKind.CONTACT_ADDED, AuditKind.CERTIFIED);
    }

    @Test
    @DisplayName("R10: a certification ending in the past is refused on both channels with the same words")
    void certifyInThePast() {
        String past = TODAY.minusDays(3).toString();
        assertThat(cli("contacts", "certify", "paul@acme.example", past)).isEqualTo(2);
        Answer answer = manager("contact certify", Map.of("email", "paul@acme.example", "until", past));

        assertThat(err.toString()).contains("A certification cannot end in the past (" + past + ")");
        assertThat(answer.content()).contains("A certification cannot end in the past (" + past + ")");
        assertSameAudit("paul@acme.example", 0, AuditKind.CONTACT_ADDED);
    }

    @Test
    @DisplayName("R10: a certification ending more than a year ahead is refused on both channels with the same words; a year less a day is accepted")
    void certifyBeyondAYear() {
        String beyond = TODAY.plusYears(1).toString();
        String latest = TODAY.plusYears(1).minusDays(1).toString();
        assertThat(cli("contacts", "certify", "paul@acme.example", beyond)).isEqualTo(2);
        Answer answer = manager("contact certify", Map.of("email", "paul@acme.example", "until", beyond));

        assertThat(err.toString()).contains("it cannot end after " + latest + " (" + beyond + " given)");
        assertThat(answer.content()).contains("it cannot end after " + latest + " (" + beyond + " given)");
        assertSameAudit("paul@acme.example", 0, AuditKind.CONTACT_ADDED);
        assertThat(cli("contacts", "certify", "paul@acme.example", latest)).isZero();
    }

    @Test
    @DisplayName("R1: a coverage change answers and audits the same on both channels")
    void coverage() {
        String until = TODAY.plusYears(2).toString();
        assertThat(cli("accounts", "coverage", "Acme", until)).isZero();
        Answer answer = manager("account coverage", Map.of("account", "Acme", "until", until));

        assertSameAnswer(answer);
        assertSameAudit("Acme", AuditKind.ACCOUNT_ADDED, AuditKind.COVERAGE_CHANGED);
    }

    @Test
    @DisplayName("R1: covering and uncovering one product answers and audits the same on both channels; accounts show lists it")
    void coverageProduct() {
        String until = TODAY.plusYears(1).toString();
        assertThat(cli("accounts", "cover", "Acme", "vsa", "--until", until)).isZero();
        Answer covered = manager("account cover", Map.of("account", "Acme", "product", "vsa", "until", until));
        assertSameAnswer(covered);
        assertThat(covered.content()).isEqualTo("Acme is covered for VSA through " + until + " (R1).");

        assertThat(cli("accounts", "show", "Acme")).isZero();
        assertThat(out.toString()).contains("Account Acme", "all products  covered through "
                + TODAY.plusYears(1), "VSA  covered through " + until, "Marie Curie");
        assertThat(cli("accounts", "show", "Acme", "--json")).isZero();
        assertThat(out.toString().replaceAll("\\s", "")).contains("\"products\":[{\"product\":\"VSA\",\"coveredUntil\":\""
                + until + "\",\"active\":true}]");

        assertThat(cli("accounts", "uncover", "Acme", "VSA")).isZero();
        Answer uncovered = manager("account uncover", Map.of("account", "Acme", "product", "VSA"));
        assertSameAnswer(uncovered);
        assertSameAudit("Acme", 2, AuditKind.ACCOUNT_ADDED, AuditKind.COVERAGE_CHANGED, AuditKind.COVERAGE_CHANGED);

        assertThat(cli("accounts", "cover", "Acme", "Traverse", "--until", until)).isNotZero();
        assertThat(err.toString()).contains("'Traverse' is not a product of the version catalogue", "Products: VSA.")
                .doesNotContain("Exception");
        assertThat(cli("accounts", "cover", "Acme", "VSA", "--until", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a date");
    }

    @Test
    @DisplayName("R20: a version is written in the same canonical form and audited the same on both channels")
    void addVersion() {
        String released = TODAY.minusMonths(2).toString();
        assertThat(cli("versions", "add", "VSA", "v10.0", "--released", released)).isZero();
        Answer answer = manager("version add", Map.of("product", "VSA", "version", "v10.0", "released", released));

        assertSameAnswer(answer);
        assertThat(out.toString()).contains("VSA 10.0 released");
        assertSameAudit("version VSA 10.0", AuditKind.VERSION_ADDED);
    }

    @Test
    @DisplayName("R10: a member without the manager role is refused, nothing changes, and the refusal is audited")
    void refusedWithoutRole() {
        Answer answer = console.handle(new SlashInput("777", "mallory", Set.of("tech"), "contact remove",
                Map.of("email", "paul@acme.example")));

        assertThat(answer.content()).contains("Only members with the manager role");
        assertThat(consoleDesks.directory().activeContact(
                io.guichet.core.account.EmailAddress.parse("paul@acme.example").orElseThrow())).isPresent();
        assertThat(consoleDesks.directory().latestAudit(1)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.COMMAND_REFUSED);
            assertThat(e.actor().label()).isEqualTo("staff:discord:777 mallory");
        });
    }

    private Answer manager(String command, Map<String, String> options) {
        return console.handle(new SlashInput("4242", "marie", Set.of("manager"), command, options));
    }

    private void assertSameAnswer(Answer answer) {
        assertThat(answer.content()).isEqualTo(out.toString().strip());
    }

    /** The same kinds, subjects and details in the same order; the CLI's actor is the operator, the console's the member. */
    private void assertSameAudit(String subject, AuditKind... kinds) {
        assertSameAudit(subject, 1, kinds);
    }

    /** As above; the last {@code byTheAct} events are the act's own, by the operator and by the member. */
    private void assertSameAudit(String subject, int byTheAct, AuditKind... kinds) {
        List<AuditEvent> fromCli = CoreAssembly.on(((ConfigReader.Result.Valid) ConfigReader.read(Map.of(
                "GUICHET_DB_URL", cliDatabase.jdbcUrl()))).config(), cliDatabase.database(), Clock.systemUTC())
                .desks().directory().auditOf(subject);
        List<AuditEvent> fromConsole = consoleAudit(subject);
        assertThat(fromCli).extracting(AuditEvent::kind).containsExactly(kinds);
        assertThat(fromConsole).extracting(AuditEvent::kind).containsExactly(kinds);
        for (int i = 0; i < kinds.length; i++) {
            assertThat(fromConsole.get(i).detail()).isEqualTo(fromCli.get(i).detail());
        }
        fromConsole.stream().skip((long) kinds.length - byTheAct).forEach(e ->
                assertThat(e.actor().label()).isEqualTo("staff:discord:4242 marie"));
        fromCli.stream().skip((long) kinds.length - byTheAct).forEach(e ->
                assertThat(e.actor().label()).isEqualTo("staff:cli:tester tester"));
    }

    private List<AuditEvent> consoleAudit(String subject) {
        return consoleDesks.directory().auditOf(subject);
    }

    private int cli(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine commandLine = GuichetCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 4];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        full[args.length + 2] = "--as";
        full[args.length + 3] = "tester";
        return commandLine.execute(full);
    }
}
