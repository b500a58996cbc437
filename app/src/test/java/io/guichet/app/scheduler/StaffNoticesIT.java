package io.guichet.app.scheduler;

import io.guichet.core.desk.StaffCommand;
import io.guichet.core.desk.StaffNotice;
import io.guichet.core.desk.StaffNoticeDispatcher;
import io.guichet.core.desk.StaffOutcome;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Staff notices on real PostgreSQL: posted to the staff outbox in the transaction of their change, delivered after
 * it commits by the dispatcher, retried while the channel refuses them.
 */
@ExtendWith(PostgresExtension.class)
class StaffNoticesIT {

    private static DeskWorld world(Database database) {
        return DeskWorld.roundTheClock(database, MutableClock.at("2026-03-02T09:00:00Z"), PolicySettings.defaults());
    }

    @Test
    @DisplayName("R18: an escalation whose transaction rolls back is never announced to the staff")
    void rolledBackChangeIsNotAnnounced(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.open("3");

        assertThatThrownBy(() -> w.ports.transactions().inTransaction(tx -> {
            StaffOutcome outcome = w.staffDesk.handle(tx, new StaffCommand.Escalate(DeskWorld.TOM, number, "customer angry"));
            assertThat(outcome).isInstanceOf(StaffOutcome.Done.class);
            throw new IllegalStateException("the database went away before the commit");
        })).hasMessageContaining("went away");

        assertThat(w.staffDispatcher.deliverDue().claimed()).isZero();
        assertThat(w.staff.notices()).isEmpty();
        assertThat(w.ticket(number).escalated()).isFalse();
    }

    @Test
    @DisplayName("R14, R18: a new severity-1 ticket is announced once (and its automatic escalation once), after the commit")
    void committedChangeIsAnnouncedOnce(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.open("1");

        assertThat(w.staffNotices(StaffNotice.NewSeverityOne.class)).singleElement()
                .satisfies(n -> assertThat(n.ticket().number()).isEqualTo(number));
        assertThat(w.staffDispatcher.deliverDue().claimed()).isZero();
        assertThat(w.staff.notices(StaffNotice.NewSeverityOne.class)).hasSize(1);
        assertThat(w.staff.notices(StaffNotice.Escalation.class)).as("R18: business-critical, escalated at once")
                .hasSize(1);
    }

    @Test
    @DisplayName("R18: a notice the staff channel refuses is retried with backoff and delivered once when it clears")
    void refusedNoticeIsRetriedThenDeliveredOnce(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.open("3");
        w.staffDesk.handle(new StaffCommand.Escalate(DeskWorld.TOM, number, "blocking the month's closing"));
        w.staff.refuseNext(2);

        StaffNoticeDispatcher.Pass first = w.staffDispatcher.deliverDue();
        assertThat(first.retried()).isEqualTo(1);
        assertThat(w.staffDispatcher.deliverDue().claimed()).as("not before its retry time").isZero();
        w.clock.advance(Duration.ofSeconds(5));
        assertThat(w.staffDispatcher.deliverDue().retried()).as("second refusal").isEqualTo(1);
        w.clock.advance(Duration.ofSeconds(5));
        assertThat(w.staffDispatcher.deliverDue().claimed()).as("backoff doubled to 10 s").isZero();
        w.clock.advance(Duration.ofSeconds(5));
        assertThat(w.staffDispatcher.deliverDue().delivered()).isEqualTo(1);

        w.clock.advance(Duration.ofHours(1));
        assertThat(w.staffDispatcher.deliverDue().claimed()).isZero();
        assertThat(w.staff.notices(StaffNotice.Escalation.class)).singleElement()
                .satisfies(n -> assertThat(n.reason()).isEqualTo("blocking the month's closing"));
        assertThat(w.staffOutbox.pending()).isZero();
    }

    @Test
    @DisplayName("R18: a notice still refused after the give-up window is given up, not retried forever")
    void givenUpAfterWindow(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.open("3");
        w.staffDesk.handle(new StaffCommand.Escalate(DeskWorld.TOM, number, "customer angry"));
        w.staff.refuseNext(Integer.MAX_VALUE);

        for (int i = 0; i < 400 && w.staffOutbox.pending() > 0; i++) {
            w.staffDispatcher.deliverDue();
            w.clock.advance(Duration.ofMinutes(5));
        }

        assertThat(w.staffOutbox.pending()).isZero();
        assertThat(w.staff.notices()).isEmpty();
    }

    @Test
    @DisplayName("R18: a refused notice does not hold up the others of its pass: they are delivered in the same pass")
    void refusalDoesNotHoldUpTheOthers(Database database) {
        DeskWorld w = world(database);
        TicketNumber first = w.open("3");
        TicketNumber second = w.open("3");
        w.staffDesk.handle(new StaffCommand.Escalate(DeskWorld.TOM, first, "first"));
        w.staffDesk.handle(new StaffCommand.Escalate(DeskWorld.TOM, second, "second"));
        w.staff.refuseNext(1);

        StaffNoticeDispatcher.Pass pass = w.staffDispatcher.deliverDue();
        assertThat(pass.retried()).isEqualTo(1);
        assertThat(pass.delivered()).as("the other ticket's notice, in the same pass").isEqualTo(1);
        assertThat(w.staff.notices(StaffNotice.Escalation.class)).extracting(StaffNotice.Escalation::reason)
                .containsExactly("second");

        w.clock.advance(StaffNoticeDispatcher.Settings.defaults().firstRetry());
        assertThat(w.staffDispatcher.deliverDue().delivered()).isEqualTo(1);
        assertThat(w.staffOutbox.pending()).isZero();
    }

    @Test
    @DisplayName("R18: a channel refusing several notices in a row stops the pass; the untried notices are given back "
            + "at once (due on the next pass, not after the lease), no attempt counted")
    void failingChannelStopsThePassAndGivesTheRestBack(Database database) {
        DeskWorld w = world(database);
        List<TicketNumber> tickets = List.of(w.open("3"), w.open("3"), w.open("3"), w.open("3"), w.open("3"));
        w.staffDispatcher.deliverDue();
        tickets.forEach(n -> w.staffDesk.handle(new StaffCommand.Escalate(DeskWorld.TOM, n, "about " + n)));
        w.staff.refuseNext(StaffNoticeDispatcher.FAILURES_IN_A_ROW);

        StaffNoticeDispatcher.Pass pass = w.staffDispatcher.deliverDue();
        assertThat(pass.retried()).isEqualTo(StaffNoticeDispatcher.FAILURES_IN_A_ROW);
        assertThat(pass.delivered()).as("not tried while the channel fails").isZero();

        StaffNoticeDispatcher.Pass next = w.staffDispatcher.deliverDue();
        assertThat(next.delivered()).as("given back: due at once, well before the lease")
                .isEqualTo(tickets.size() - StaffNoticeDispatcher.FAILURES_IN_A_ROW);
        assertThat(next.retried()).isZero();
    }
}
