package io.guichet.app.node;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.desk.StaffOutcome;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class GuichetNodeIT {

    @Test
    @DisplayName("R12a: the deadline workers belong to the node: they apply what falls due and stop when the node closes")
    void deadlineWorkersLiveWithTheNode(Database database) {
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        GuichetConfig config = ((ConfigReader.Result.Valid) ConfigReader.read(Map.of("GUICHET_HTTP_PORT", "off"))).config();
        GuichetNode node = new GuichetNode(config, database, clock);
        try {
            Account acme = node.desk().contacts().addAccount("Acme", Optional.of(LocalDate.parse("2030-12-31")),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            Contact bob = node.desk().contacts().addContact(acme.id(), "Bob", EmailAddress.parse("bob@acme.example")
                    .orElseThrow(), "", Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
            for (int i = 0; i < 3; i++) {
                CustomerOutcome opened = node.customers().handle(new CustomerCommand.OpenTicket(bob.email(), "Bob",
                        Optional.empty(), DeskFixture.complete("3"), false));
                TicketNumber number = ((CustomerOutcome.Opened) opened).ticket().number();
                assertThat(node.staffDesk().handle(new StaffCommand.Ask(new Actor.Staff("tom", "tom"), number,
                        "Which agent version?"))).isInstanceOf(StaffOutcome.Done.class);
            }
            clock.advance(Duration.ofDays(2));

            node.start();

            Awaitility.await("the three first reminders").atMost(Duration.ofSeconds(30)).until(() ->
                    node.outbox().claimDue(clock.instant().plus(Duration.ofDays(1)), 100, Duration.ZERO).stream()
                            .filter(m -> m.body().contains("This is reminder 1")).count() == 3);
            assertThat(workers()).isPositive();
        } finally {
            node.close();
        }
        assertThat(workers()).as("deadline workers left after close").isZero();
    }

    private static long workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("deadline-sweep-") && t.isAlive()).count();
    }
}
