package io.guichet.discord;

import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.InMemoryDeadlineStore;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingMessenger;
import io.guichet.core.testing.InMemoryStaffOutbox;
import io.guichet.core.testing.Stores;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.discord.console.Console;
import io.guichet.discord.console.StaffRoles;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class CommandCatalogTest {

    private static Console console() {
        Stores stores = Stores.inMemory();
        DeskPorts desk = DeskPorts.shared(stores.transactions(), stores.tickets(), new InMemoryDeadlineStore(), stores.contacts(), stores.versions(),
                new RecordingMessenger(), new InMemoryStaffOutbox(), new io.guichet.core.testing.InMemoryAuditLog(), PolicySettings.defaults(),
                new ServiceHours(new AlwaysOpen(), new AlwaysOpen()), MutableClock.at("2026-03-02T09:00:00Z"));
        return new Console(io.guichet.core.desk.Desks.of(desk, new io.guichet.core.testing.InMemoryKnowledgeBase(), new io.guichet.core.testing.InMemoryTicketThreads(), new io.guichet.core.testing.InMemoryMailJournal(),
                (subject, text) -> io.guichet.core.intake.IntakeDraft.empty(), new io.guichet.core.testing.InMemorySnippetStore()), new StaffRoles("t", "m"));
    }

    private static Stream<SubcommandData> subcommands() {
        return CommandCatalog.commands().stream().flatMap(c -> c.getSubcommands().stream());
    }

    private static OptionData option(String command, String sub, String name) {
        return CommandCatalog.commands().stream().filter(c -> c.getName().equals(command))
                .flatMap(c -> c.getSubcommands().stream()).filter(s -> s.getName().equals(sub))
                .flatMap(s -> s.getOptions().stream()).filter(o -> o.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("The registered command paths match the console's handlers one to one")
    void pathsMatchHandlers() {
        List<String> registered = CommandCatalog.paths();

        assertThat(registered).doesNotHaveDuplicates();
        assertThat(registered).containsExactlyInAnyOrderElementsOf(console().commandPaths());
        assertThat(registered).contains("queue", "ticket show", "ticket history", "ticket access", "contact certify",
                "account coverage", "account cover", "account uncover", "version list");
    }

    @Test
    @DisplayName("R21: every ticket option autocompletes; severities offer 1-4; resolve offers exactly the reasons of R12a-g, R6 and R21a-g; decline the exclusions")
    void optionsAndChoices() {
        assertThat(subcommands().flatMap(s -> s.getOptions().stream()).filter(o -> o.getName().equals("ticket")))
                .hasSize(20).allSatisfy(o -> assertThat(o.isAutoComplete()).isTrue());
        assertThat(option("ticket", "severity", "level").getChoices()).extracting(Command.Choice::getAsString)
                .allSatisfy(v -> assertThat(Severity.parse(v)).isPresent()).containsExactly("1", "2", "3", "4");
        assertThat(option("ticket", "severity", "reason").isRequired()).as("R6, R11, R17: reason required").isTrue();
        assertThat(option("ticket", "resolve", "reason").getChoices()).extracting(Command.Choice::getAsString)
                .map(v -> ResolutionReason.parse(v).orElseThrow())
                .containsExactly(ResolutionReason.values());
        assertThat(option("ticket", "decline", "reason").getChoices()).extracting(Command.Choice::getAsString)
                .map(v -> ResolutionReason.parse(v).orElseThrow())
                .as("R21, R3: decline offers the seven exclusions and out of scope")
                .containsExactlyInAnyOrder(java.util.Arrays.stream(ResolutionReason.values())
                        .filter(ResolutionReason::declines).toArray(ResolutionReason[]::new)).hasSize(8);
    }

    @Test
    @DisplayName("The catalogue fits Discord's rules: serializable, at most 25 subcommands and options each")
    void fitsDiscordRules() {
        for (SlashCommandData command : CommandCatalog.commands()) {
            assertThat(command.toData().toString()).contains(command.getName());
            assertThat(command.getSubcommands()).hasSizeLessThanOrEqualTo(25);
            command.getSubcommands().forEach(s -> assertThat(s.getOptions()).hasSizeLessThanOrEqualTo(25));
        }
    }
}
