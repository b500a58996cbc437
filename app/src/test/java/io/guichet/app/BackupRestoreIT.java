package io.guichet.app;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.DatabaseHandle;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code guichet backup} of an embedded database, {@code guichet restore} into a fresh data directory. */
class BackupRestoreIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("R7: a backup restored into a fresh data directory holds every ticket and every event (server access included)")
    void backupThenRestore(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        Path backup = dir.resolve("guichet-backup.zip");
        Map<Long, Ticket> tickets = new LinkedHashMap<>();
        Map<Long, List<TicketEvent>> events = new LinkedHashMap<>();

        GuichetConfig firstConfig = config(first);
        try (DatabaseHandle database = DatabaseHandle.openForRun(firstConfig.database());
             GuichetNode node = new GuichetNode(firstConfig, database.database(), Clock.systemUTC())) {
            node.ports().run(d -> {
                Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                        new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
                d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse("bob@acme.example")
                        .orElseThrow(), "", Language.EN, Optional.empty(), Optional.of(LocalDate.now().plusMonths(6)));
            });
            for (String severity : List.of("1", "2", "3")) {
                node.customers().handle(new CustomerCommand.OpenTicket(EmailAddress.parse("bob@acme.example")
                        .orElseThrow(), "Bob", Optional.empty(), DeskFixture.complete(severity), false));
            }
            node.staffDesk().handle(new StaffCommand.RecordServerAccess(new Actor.Staff("tess", "tess"),
                    new TicketNumber(1001), "RDP to the console server"));
            for (long number = 1000; number <= 1002; number++) {
                Ticket ticket = node.desk().tickets().find(new TicketNumber(number)).orElseThrow();
                tickets.put(number, ticket);
                events.put(number, node.desk().tickets().events(ticket.id()));
            }
        }
        assertThat(events.get(1001L)).extracting(e -> e.kind().name()).contains("SERVER_ACCESS");

        Path firstFile = properties(dir.resolve("first.properties"), first);
        assertThat(run("backup", backup.toString(), "--config", firstFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Backup written to " + backup).containsPattern("tickets +3");

        Path secondFile = properties(dir.resolve("second.properties"), second);
        assertThat(run("restore", backup.toString(), "--config", secondFile.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Restored ").contains("Schema at version");

        GuichetConfig secondConfig = config(second);
        try (DatabaseHandle database = DatabaseHandle.open(secondConfig.database());
             GuichetNode node = new GuichetNode(secondConfig, database.database(), Clock.systemUTC())) {
            for (long number = 1000; number <= 1002; number++) {
                Ticket restored = node.desk().tickets().find(new TicketNumber(number)).orElseThrow();
                assertThat(restored).isEqualTo(tickets.get(number));
                assertThat(node.desk().tickets().events(restored.id())).isEqualTo(events.get(number));
            }
            node.customers().handle(new CustomerCommand.OpenTicket(EmailAddress.parse("bob@acme.example").orElseThrow(),
                    "Bob", Optional.empty(), DeskFixture.complete("4"), false));
            assertThat(node.desk().tickets().find(new TicketNumber(1003))).as("the number sequence goes on").isPresent();
        }

        assertThat(run("restore", backup.toString(), "--config", secondFile.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("nothing restored").contains("already holds data");
        assertThat(run("restore", dir.resolve("first.properties").toString(), "--config", secondFile.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("is not a Guichet backup").doesNotContain("Exception");
    }

    private static GuichetConfig config(Path dataDirectory) {
        return ((ConfigReader.Result.Valid) ConfigReader.read(Map.of("GUICHET_DATA_DIR", dataDirectory.toString(),
                "GUICHET_HTTP_PORT", "off"))).config();
    }

    private static Path properties(Path file, Path dataDirectory) throws IOException {
        return Files.writeString(file, "GUICHET_DATA_DIR=" + dataDirectory + "\n");
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
