package io.guichet.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.InMemoryDeadlineStore;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingMessenger;
import io.guichet.core.testing.Stores;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Optional;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

class DiscordAdapterTest {

    @Test
    @DisplayName("With no token the adapter stays off and says so at start; settings never print a token")
    void offWithoutToken() {
        Logger logger = (Logger) LoggerFactory.getLogger(DiscordAdapter.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        DiscordSettings settings = new DiscordSettings(Optional.of("  "), "1", "2", "3", "4");
        DiscordAdapter adapter = new DiscordAdapter(settings);
        Stores stores = Stores.inMemory();
        DeskPorts desk = DeskPorts.shared(stores.transactions(), stores.tickets(), new InMemoryDeadlineStore(), stores.contacts(), stores.versions(),
                new RecordingMessenger(), new io.guichet.core.testing.InMemoryStaffOutbox(), new io.guichet.core.testing.InMemoryAuditLog(), PolicySettings.defaults(),
                new ServiceHours(new AlwaysOpen(), new AlwaysOpen()), MutableClock.at("2026-03-02T09:00:00Z"));

        boolean started = adapter.start(io.guichet.core.desk.Desks.of(desk, new io.guichet.core.testing.InMemoryKnowledgeBase(), new io.guichet.core.testing.InMemoryTicketThreads(), new io.guichet.core.testing.InMemoryMailJournal(),
                (subject, text) -> io.guichet.core.intake.IntakeDraft.empty(), new io.guichet.core.testing.InMemorySnippetStore()));
        adapter.stop();

        assertThat(started).isFalse();
        assertThat(log.list).filteredOn(e -> e.getLevel() == Level.INFO).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(m -> assertThat(m).contains("Discord adapter off", "no bot token"));
        assertThat(new DiscordSettings(Optional.of("secret-token"), "1", "2", "3", "4").toString())
                .doesNotContain("secret-token").contains("(set)");
    }

    @Test
    @DisplayName("The console is plain Java: no JDA type crosses into io.guichet.discord.console")
    void consoleHasNoJda() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.guichet.discord");

        noClasses().that().resideInAPackage("io.guichet.discord.console..")
                .should().dependOnClassesThat().resideInAPackage("net.dv8tion..")
                .check(classes);
        assertThat(classes.containPackage("io.guichet.discord.console")).isTrue();
    }
}
