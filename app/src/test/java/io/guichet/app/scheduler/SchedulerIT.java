package io.guichet.app.scheduler;

import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deadline sweep run by real clustered Quartz schedulers on the JDBC job store in PostgreSQL. */
class SchedulerIT {

    private TestDatabase testDatabase;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void database() {
        testDatabase = TestDatabase.createMigrated();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        testDatabase.close();
    }

    @Test
    @DisplayName("R12a, R22: deadlines that fell due while every scheduler was down are applied once when one starts")
    void restart() {
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        DeskWorld w = DeskWorld.roundTheClock(pool(), clock, PolicySettings.defaults());
        GuichetScheduler first = node(w, "node-a");
        first.start();
        TicketNumber number = w.asked("3");
        first.close();

        clock.advance(Duration.ofDays(3)); // reminder 1 (2 days) fell due while down
        GuichetScheduler second = node(w, "node-b");
        second.start();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(w.mails(number, "This is reminder 1")).hasSize(1));
        Deadline reminder = w.deadlineStore.ofTicket(w.ticket(number).id()).stream()
                .filter(d -> d.kind() == DeadlineKind.REMINDER && d.step() == 0).findFirst().orElseThrow();
        assertThat(reminder.firedAt()).isPresent();
        assertThat(w.sweep.sweep().claimed()).isZero();
        assertThat(w.mails(number, "This is reminder")).hasSize(1);
    }

    @Test
    @DisplayName("R12a: two clustered schedulers on one database apply each deadline exactly once")
    void twoNodes() {
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        DeskWorld a = DeskWorld.roundTheClock(pool(), clock, PolicySettings.defaults());
        DeskWorld b = DeskWorld.roundTheClock(pool(), clock, PolicySettings.defaults());
        List<TicketNumber> numbers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            numbers.add(a.asked("3"));
        }
        node(a, "node-a").start();
        node(b, "node-b").start();
        clock.advance(Duration.ofDays(2));
        // a third sweeper outside Quartz competes for the same rows
        b.sweep.sweep();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(a.mails().stream().filter(m -> m.body().contains("This is reminder 1"))).hasSize(30));
        for (TicketNumber number : numbers) {
            assertThat(a.context.tickets().events(a.ticket(number).id())).extracting(TicketEvent::kind)
                    .containsOnlyOnce(EventKind.REMINDER_SENT);
            assertThat(a.mails(number, "This is reminder")).hasSize(1);
        }
    }

    private Database pool() {
        Database database = Database.connect(testDatabase.jdbcUrl(), testDatabase.user(), testDatabase.password(), 6);
        closing.add(database);
        return database;
    }

    private GuichetScheduler node(DeskWorld w, String id) {
        SchedulerSettings settings = SchedulerSettings.defaults()
                .withInstance(id, Duration.ofMillis(200), Duration.ofMillis(1000));
        GuichetScheduler scheduler = GuichetScheduler.create(settings, w.database.dataSource(), w.sweep, w.calendar);
        closing.add(scheduler);
        return scheduler;
    }
}
