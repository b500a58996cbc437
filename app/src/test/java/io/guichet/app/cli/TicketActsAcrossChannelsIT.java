package io.guichet.app.cli;

import io.guichet.app.GuichetCli;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.CoreAssembly;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.Desks;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same ticket act from the command line ({@code guichet tickets decline|call|frequency}) and from the Discord
 * console ({@code /ticket decline|call|frequency}): one {@link io.guichet.core.desk.StaffDesk}, so the same answer,
 * the same ticket and the same history (only the actor differs: the operator, or the Discord member by id; the same
 * technician, Tess, on both). Each channel works on a database of its own, seeded alike, with the same ticket opened
 * by mail.
 */
class TicketActsAcrossChannelsIT {

    private static final LocalDate TODAY = LocalDate.now(Clock.systemUTC());
    private static final EmailAddress PAUL = EmailAddress.parse("paul@acme.example").orElseThrow();

    private TestDatabase cliDatabase;
    private TestDatabase consoleDatabase;
    private Path config;
    private Desks cliDesks;
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
        cliDesks = CoreAssembly.on(config(cliDatabase), cliDatabase.database(), Clock.systemUTC()).desks();
        consoleDesks = CoreAssembly.on(config(consoleDatabase), consoleDatabase.database(), Clock.systemUTC()).desks();
        console = new Console(consoleDesks, new StaffRoles("tech", "manager"));
        for (Desks desks : List.of(cliDesks, consoleDesks)) {
            Actor.Staff seed = Actor.Staff.operator("seed");
            desks.directory().addAccount(seed, "Acme", Optional.of(TODAY.plusYears(1)),
                    new AccountManager("Marie Curie", "marie@vendor.example"));
            desks.directory().addContact(seed, new DirectoryDesk.NewContact("Acme", "Paul Martin", PAUL, "+33 1",
                    Language.EN, Optional.empty(), Optional.empty()));
            desks.directory().addVersion(seed, new DirectoryDesk.NewVersion("VSA", "9.5", TODAY.minusYears(1), true,
                    Optional.empty()));
        }
    }

    @AfterEach
    void dropDatabases() {
        cliDatabase.close();
        consoleDatabase.close();
    }

    @Test
    @DisplayName("R21, R3: declining a request at intake gives the same answer, resolution and history from the command line and from Discord")
    void decline() {
        TicketNumber number = openedOnBoth(complete());
        int before = events(number);

        assertThat(cli("tickets", "decline", number.toString(), "excluded-integration", "--text", "A custom connector."))
                .isZero();
        Answer answer = technician("ticket decline", Map.of("ticket", number.toString(),
                "reason", "excluded-integration", "text", "A custom connector."));

        assertSameAnswer(answer);
        assertSameTicket(number);
        assertThat(ticket(consoleDesks, number).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(ticket(consoleDesks, number).resolution()).contains(ResolutionReason.EXCLUDED_INTEGRATION);
        assertSameHistory(number, before, EventKind.RESOLVED);
    }

    @Test
    @DisplayName("R15, R16, R5: a phone call recorded from the command line and from Discord is the same response, fills the same missing fields and leaves the same history")
    void call() {
        TicketNumber number = openedOnBoth(complete().with(IntakeField.MODULE, null).with(IntakeField.SEVERITY, null));
        assertThat(ticket(cliDesks, number).status()).isEqualTo(TicketStatus.AWAITING_INFO);
        int before = events(number);

        assertThat(cli("tickets", "call", number.toString(), "--summary", "Called Paul: the agents stop at night.",
                "--severity", "2", "--module", "Agents")).isZero();
        Answer answer = technician("ticket call", Map.of("ticket", number.toString(),
                "summary", "Called Paul: the agents stop at night.", "severity", "2", "module", "Agents"));

        assertSameAnswer(answer);
        assertSameTicket(number);
        Ticket called = ticket(consoleDesks, number);
        assertThat(called.fields().module()).contains("Agents");
        assertThat(called.status()).as("its fields complete, it joins the work").isNotEqualTo(TicketStatus.AWAITING_INFO);
        assertThat(called.due().firstRespondedAt()).as("a response (R15)").isPresent();
        assertThat(ticket(cliDesks, number).due().firstRespondedAt()).isPresent();
        assertSameHistory(number, before, EventKind.PHONE_CALL);
    }

    @Test
    @DisplayName("R17: lowering the update frequency from the command line and from Discord gives the same answer, interval, history and customer mail")
    void frequency() {
        TicketNumber number = openedOnBoth(complete());
        int before = events(number);

        assertThat(cli("tickets", "frequency", number.toString(), "1d 16h", "--reason", "Paul is away this week."))
                .isZero();
        Answer answer = technician("ticket frequency", Map.of("ticket", number.toString(), "every", "1d 16h",
                "reason", "Paul is away this week."));

        assertSameAnswer(answer);
        assertSameTicket(number);
        assertThat(ticket(cliDesks, number).due().updateInterval()).contains(java.time.Duration.ofHours(40));
        assertSameHistory(number, before, EventKind.UPDATE_INTERVAL_CHANGED);
        for (TestDatabase database : List.of(cliDatabase, consoleDatabase)) {
            assertThat(lastMailTo(database, PAUL)).as("the customer is told in words (R17)")
                    .contains("every 1 day 16 hours").contains("instead of every 16 hours")
                    .contains("Paul is away this week.");
        }
    }

    @Test
    @DisplayName("R13: reopening a resolved ticket from the command line and from Discord gives the same answer, status and history; a second reopen is refused alike")
    void reopen() {
        TicketNumber number = openedOnBoth(complete());
        for (Desks desks : List.of(cliDesks, consoleDesks)) {
            assertThat(desks.staffDesk().handle(new io.guichet.core.desk.StaffCommand.Resolve(Actor.Staff.operator("seed"),
                    number, ResolutionReason.SOLUTION_PROVIDED, "Restart the agent.")))
                    .isInstanceOf(io.guichet.core.desk.StaffOutcome.Done.class);
        }
        int before = events(number);

        assertThat(cli("tickets", "reopen", number.toString())).isZero();
        Answer answer = technician("ticket reopen", Map.of("ticket", number.toString()));

        assertSameAnswer(answer);
        assertSameTicket(number);
        assertThat(ticket(cliDesks, number).status()).isEqualTo(TicketStatus.OPEN);
        assertSameHistory(number, before, EventKind.REOPENED);

        assertThat(cli("tickets", "reopen", number.toString())).isEqualTo(2);
        Answer again = technician("ticket reopen", Map.of("ticket", number.toString()));
        assertThat(again.content()).contains("only a resolved ticket is reopened");
        assertThat(err.toString()).contains("only a resolved ticket is reopened");
    }

    @Test
    @DisplayName("R17: a refused act (a shorter interval) is refused with the same words on both channels and changes nothing")
    void refusedAlike() {
        TicketNumber number = openedOnBoth(complete());
        int before = events(number);

        assertThat(cli("tickets", "frequency", number.toString(), "4h", "--reason", "Paul is away.")).isEqualTo(2);
        Answer answer = technician("ticket frequency", Map.of("ticket", number.toString(), "every", "4h",
                "reason", "Paul is away."));

        String refusal = err.toString().strip().replace("guichet: ", "");
        assertThat(refusal).contains("longer interval");
        assertThat(answer.content()).startsWith("Nothing changed.").contains(refusal);
        assertThat(consoleDesks.tickets().history(number).orElseThrow().events()).hasSize(before);
        assertThat(cliDesks.tickets().history(number).orElseThrow().events()).hasSize(before);
        assertThat(cli("tickets", "frequency", number.toString(), "soon", "--reason", "x")).as("not a span").isEqualTo(2);
        assertThat(err.toString()).contains("'soon' is not a span; accepted: 12h, 2d, 1d 12h, 90m or ISO-8601 (PT12H)");
        assertThat(cli("tickets", "decline", "#99999", "out-of-scope")).as("no such ticket").isEqualTo(1);
    }

    private static IntakeDraft complete() {
        return IntakeDraft.empty().with(IntakeField.SUBJECT, "Agents go offline")
                .with(IntakeField.DESCRIPTION, "Since Monday the agents stop reporting.").with(IntakeField.SEVERITY, "3")
                .with(IntakeField.VERSION, "9.5").with(IntakeField.MODULE, "Agents")
                .with(IntakeField.SERVER_URL, "https://vsa.acme.example")
                .with(IntakeField.STEPS_TO_REPRODUCE, "Wait for the night").with(IntakeField.AFFECTED_DEVICES, "All");
    }

    /** The same request by mail on both sides: the same ticket number. */
    private TicketNumber openedOnBoth(IntakeDraft draft) {
        List<TicketNumber> numbers = List.of(cliDesks, consoleDesks).stream().map(desks -> {
            CustomerOutcome outcome = desks.customers().handle(new CustomerCommand.OpenTicket(PAUL, "Paul Martin",
                    Optional.empty(), draft, false));
            return ((CustomerOutcome.Opened) outcome).ticket().number();
        }).toList();
        assertThat(numbers.get(0)).isEqualTo(numbers.get(1));
        return numbers.get(0);
    }

    private static Ticket ticket(Desks desks, TicketNumber number) {
        return desks.tickets().view(number).orElseThrow().ticket();
    }

    private Answer technician(String command, Map<String, String> options) {
        return console.handle(new SlashInput("4242", "tess", Set.of("tech"), command, new HashMap<>(options)));
    }

    private void assertSameAnswer(Answer answer) {
        assertThat(answer.content()).isEqualTo(out.toString().strip());
    }

    /** Status, severity, fields, resolution and targets alike (the times aside). */
    private void assertSameTicket(TicketNumber number) {
        Ticket fromCli = ticket(cliDesks, number);
        Ticket fromConsole = ticket(consoleDesks, number);
        assertThat(fromConsole.status()).isEqualTo(fromCli.status());
        assertThat(fromConsole.resolution()).isEqualTo(fromCli.resolution());
        assertThat(fromConsole.fields()).isEqualTo(fromCli.fields());
        assertThat(fromConsole.due().updateInterval()).isEqualTo(fromCli.due().updateInterval());
        assertThat(fromConsole.due().firstRespondedAt().isPresent()).isEqualTo(fromCli.due().firstRespondedAt().isPresent());
        assertThat(fromConsole.assignee().isPresent()).isEqualTo(fromCli.assignee().isPresent());
    }

    /**
     * The same events (kind, status move, detail) in the same order, {@code kind} among the act's; the act's own (after
     * the first {@code before}) by the operator on the command line and by the member in the console, but for the
     * system's consequences.
     */
    private void assertSameHistory(TicketNumber number, int before, EventKind kind) {
        List<TicketEvent> fromCli = cliDesks.tickets().history(number).orElseThrow().events();
        List<TicketEvent> fromConsole = consoleDesks.tickets().history(number).orElseThrow().events();
        assertThat(fromConsole).extracting(e -> e.kind() + " " + e.from() + " " + e.to() + " " + e.detail())
                .containsExactlyElementsOf(fromCli.stream()
                        .map(e -> e.kind() + " " + e.from() + " " + e.to() + " " + e.detail()).toList());
        assertThat(fromCli.subList(before, fromCli.size())).extracting(TicketEvent::kind).contains(kind);
        fromCli.stream().skip(before).filter(e -> e.actor() instanceof Actor.Staff)
                .forEach(e -> assertThat(e.actor().label()).isEqualTo("staff:cli:tess tess"));
        fromConsole.stream().skip(before).filter(e -> e.actor() instanceof Actor.Staff)
                .forEach(e -> assertThat(e.actor().label()).isEqualTo("staff:discord:4242 tess"));
        assertThat(fromCli.stream().skip(before).filter(e -> e.actor() instanceof Actor.Staff)).isNotEmpty();
    }

    private int events(TicketNumber number) {
        int count = cliDesks.tickets().history(number).orElseThrow().events().size();
        assertThat(consoleDesks.tickets().history(number).orElseThrow().events()).hasSize(count);
        return count;
    }

    private static String lastMailTo(TestDatabase database, EmailAddress to) {
        return String.valueOf(database.database().transactions().autoCommit().dsl()
                .fetchValue("select body from outbox where recipient = ? order by id desc limit 1", to.value()));
    }

    private static GuichetConfig config(TestDatabase database) {
        return ((ConfigReader.Result.Valid) ConfigReader.read(Map.of("GUICHET_DB_URL", database.jdbcUrl()))).config();
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
        full[args.length + 3] = "tess";
        return commandLine.execute(full);
    }
}
