package io.guichet.app.scheduler;

import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.calendar.BusinessCalendar;
import io.guichet.core.calendar.Parsed;
import io.guichet.core.calendar.WeeklySchedule;
import io.guichet.core.deadline.Deadline;
import io.guichet.core.deadline.DeadlineKind;
import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.desk.DeadlineDesk;
import io.guichet.core.desk.DeadlineSweep;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.desk.FireOutcome;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.desk.StaffNotice;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.port.CustomerMessenger;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.version.ProductVersion;
import io.guichet.db.Database;
import io.guichet.db.JooqContactDirectory;
import io.guichet.db.testing.PostgresExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Every timed rule on real PostgreSQL with the real outbox, a clock moved by hand and the sweep run directly. */
@ExtendWith(PostgresExtension.class)
class DeadlinesIT {

    private static final MutableClock START = MutableClock.at("2026-03-02T09:00:00Z");

    private static DeskWorld world(Database database) {
        return DeskWorld.roundTheClock(database, MutableClock.at(START.instant().toString()), PolicySettings.defaults());
    }

    @Test
    @DisplayName("R12a: reminders after 2 and 5 days and resolution after 7 are mailed on time, not before")
    void remindersAndAutoResolve(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.asked("3");
        w.clock.advance(Duration.ofDays(2).minusSeconds(1));
        assertThat(w.sweep.sweep().claimed()).isZero();
        w.clock.advance(Duration.ofSeconds(1));
        w.sweep.sweep();
        assertThat(w.mails(number, "This is reminder 1")).hasSize(1);
        w.clock.advance(Duration.ofDays(3));
        w.sweep.sweep();
        assertThat(w.mails(number, "This is reminder 2")).hasSize(1);
        w.clock.advance(Duration.ofDays(2));
        w.sweep.sweep();
        assertThat(w.ticket(number).resolution()).contains(ResolutionReason.NO_RESPONSE);
        assertThat(w.mails(number, "We did not hear back")).singleElement()
                .satisfies(m -> assertThat(m.subject()).contains("[Ticket#" + number.value() + "]"));
        assertThat(w.sweep.sweep().claimed()).isZero();
    }

    @Test
    @DisplayName("R13: 7 days after resolution the ticket is closed for good with a final mail")
    void closure(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.open("3");
        w.staffDesk.handle(new StaffCommand.Resolve(DeskWorld.TOM, number, ResolutionReason.WORKS_AS_DOCUMENTED, ""));
        w.clock.advance(Duration.ofDays(7));
        w.sweep.sweep();
        assertThat(w.ticket(number).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(w.mails(number, "closed for good and can no longer be reopened")).hasSize(1);
        assertThat(w.deadlineStore.ofTicket(w.ticket(number).id())).isEmpty();
    }

    @Test
    @DisplayName("R11, R17: a severity-1 question unanswered for 4 hours lowers the ticket to 2 and says so")
    void severityOneDowngrade(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.asked("1");
        w.clock.advance(Duration.ofHours(4));
        w.sweep.sweep();
        assertThat(w.ticket(number).severity()).contains(Severity.S2);
        assertThat(w.mails(number, "Nobody answered our question within 4 hours")).hasSize(1);
        assertThat(w.staffNotices(StaffNotice.Downgraded.class)).hasSize(1);
    }

    @Test
    @DisplayName("R14, R16: a severity change re-times the update target in the same transaction")
    void severityChangeRetimes(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.open("3");
        w.staffDesk.handle(new StaffCommand.Reply(DeskWorld.TOM, number, "Looking."));
        Instant before = due(w, number, DeadlineKind.UPDATE_TARGET);
        assertThat(before).isEqualTo(w.clock.instant().plus(Duration.ofHours(16)));
        w.clock.advance(Duration.ofHours(1));
        w.staffDesk.handle(new StaffCommand.ChangeSeverity(DeskWorld.TOM, number, Severity.S2, "worse than thought"));
        assertThat(due(w, number, DeadlineKind.UPDATE_TARGET)).isEqualTo(w.clock.instant().plus(Duration.ofHours(8)));
    }

    @Test
    @DisplayName("R14, R15, R18: a first-response target across a weekend, a holiday and the DST change breaches on time")
    void businessCalendarBreach(Database database) {
        ZoneId paris = ZoneId.of("Europe/Paris");
        WeeklySchedule week = ((Parsed.Ok<WeeklySchedule>) WeeklySchedule.parse("MON-FRI 09:00-18:00")).value();
        BusinessCalendar business = BusinessCalendar.of(paris, week, Set.of(LocalDate.parse("2026-03-30")));
        // Friday 27 March 2026 16:00 in Paris (UTC+1); clocks go forward on Sunday 29; Monday 30 is a holiday
        MutableClock clock = MutableClock.at("2026-03-27T15:00:00Z");
        DeskWorld w = new DeskWorld(database, clock, PolicySettings.defaults(),
                new ServiceHours(business, new AlwaysOpen()));
        TicketNumber number = w.open("3");
        // 8 open hours: Friday 16:00-18:00, then Tuesday 31 March 09:00-15:00 Paris summer time (UTC+2)
        Instant due = Instant.parse("2026-03-31T13:00:00Z");
        assertThat(due(w, number, DeadlineKind.FIRST_RESPONSE_TARGET)).isEqualTo(due);
        clock.set(due.minusSeconds(1));
        assertThat(w.sweep.sweep().claimed()).isZero();
        clock.set(due);
        w.sweep.sweep();
        assertThat(w.ticket(number).escalated()).isTrue();
        assertThat(w.staffNotices(StaffNotice.TargetBreached.class)).hasSize(1);
        assertThat(w.mails(number, "has been escalated to support management")).hasSize(1);
    }

    @Test
    @DisplayName("R12a: a customer reply racing the automatic resolution: exactly one outcome wins, no contradictory mails")
    void replyRacesAutoResolve(Database database) throws Exception {
        DeskWorld w = world(database);
        List<TicketNumber> numbers = List.of(w.asked("3"), w.asked("3"), w.asked("3"), w.asked("3"));
        w.clock.advance(Duration.ofDays(7));
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
        for (TicketNumber number : numbers) {
            Deadline autoResolve = w.deadlineStore.ofTicket(w.ticket(number).id()).stream()
                    .filter(d -> d.kind() == DeadlineKind.AUTO_RESOLVE).findFirst().orElseThrow();
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<FireOutcome> fire = CompletableFuture.supplyAsync(() -> {
                await(start);
                return w.deadlines.fire(autoResolve);
            }, threads);
            CompletableFuture<Boolean> reply = CompletableFuture.supplyAsync(() -> {
                await(start);
                return !(w.reply(number) instanceof ConcurrentChange);
            }, threads);
            fire.get(20, TimeUnit.SECONDS);
            boolean replied = reply.get(20, TimeUnit.SECONDS);

            Ticket ticket = w.ticket(number);
            List<EventKind> events = w.context.tickets().events(ticket.id()).stream().map(TicketEvent::kind).toList();
            List<OutgoingMail> resolvedMails = w.mails(number, "We did not hear back");
            if (events.contains(EventKind.RESOLVED)) {
                // the resolution won; the reply either lost (retried later by the channel) or reopened it afterwards
                assertThat(events).containsOnlyOnce(EventKind.RESOLVED).doesNotContain(EventKind.CUSTOMER_REPLIED);
                assertThat(resolvedMails).hasSize(1);
                assertThat(replied).isEqualTo(events.contains(EventKind.REOPENED));
            } else {
                // the reply won: no resolution, no resolution mail
                assertThat(replied).isTrue();
                assertThat(events).contains(EventKind.CUSTOMER_REPLIED);
                assertThat(resolvedMails).isEmpty();
                assertThat(ticket.status()).isEqualTo(TicketStatus.OPEN);
            }
        }
        }
        w.sweep.sweep();
        for (TicketNumber number : numbers) {
            assertThat(w.mails(number, "We did not hear back")).hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    @DisplayName("R10: a certification ending within 30 days is reminded once, however often the job runs")
    void certificationReminder(Database database) {
        DeskWorld w = world(database);
        JooqContactDirectory contacts = new JooqContactDirectory(database.transactions().autoCommit());
        contacts.certify(w.bob.id(), Optional.of(LocalDate.parse("2026-04-01")));
        assertThat(w.calendar.run().certificationReminders()).isEqualTo(1);
        w.clock.advance(Duration.ofDays(1));
        assertThat(w.calendar.run().certificationReminders()).isZero();
        assertThat(w.mails().stream().filter(m -> m.body().contains("Your certification as an administrator")))
                .singleElement().satisfies(m -> assertThat(m.subject()).contains("1 April 2026"));
    }

    @Test
    @DisplayName("R20: contacts of accounts with tickets on a version leaving support are told a year ahead, once")
    void endOfSupport(Database database) {
        DeskWorld w = world(database);
        w.context.versions().add(new ProductVersion("VSA", "9.5.0", LocalDate.parse("2025-01-10"), true, Optional.empty()));
        w.open("3"); // on VSA 9.5.0.12
        assertThat(w.calendar.run().endOfSupportNotices()).isZero();
        w.context.versions().add(new ProductVersion("VSA", "9.6.0", LocalDate.parse("2026-03-01"), true, Optional.empty()));
        assertThat(w.calendar.run().endOfSupportNotices()).isEqualTo(1);
        assertThat(w.calendar.run().endOfSupportNotices()).isZero();
        assertThat(w.mails().stream().filter(m -> m.body().contains("Support for this version ends after 1 March 2027")))
                .singleElement().satisfies(m -> assertThat(m.body()).contains("VSA 9.6.0"));
    }

    @Test
    @DisplayName("R12a, R11: a sweep on 4 threads applies every due deadline once, a ticket's own deadlines in order")
    void parallelSweep(Database database) {
        DeskWorld w = world(database);
        List<TicketNumber> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            asked.add(w.asked(i % 10 == 0 ? "1" : "3"));
        }
        w.clock.advance(Duration.ofDays(2));
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            DeadlineSweep parallel = new DeadlineSweep(w.ports, w.deadlines,
                    new DeadlineSweep.Limits(7, Duration.ofMinutes(1), 100, 4), workers);

            DeadlineSweep.Report report = parallel.sweep();

            // 30 first reminders, and the severity-1 answer timeout of the 3 severity-1 tickets
            assertThat(report.applied()).isEqualTo(33);
            assertThat(report.raced()).isZero();
            assertThat(report.failed()).isZero();
            for (TicketNumber number : asked) {
                assertThat(w.mails(number, "This is reminder 1")).hasSize(1);
            }
            assertThat(asked.stream().filter(n -> w.ticket(n).severity().orElseThrow() == Severity.S2)).hasSize(3);
            assertThat(parallel.sweep().claimed()).isZero();
        } finally {
            workers.shutdown();
        }
    }

    @Test
    @DisplayName("R12a: a deadline failing among others fails alone: the others are applied once; it stays pending and "
            + "is applied after its lease")
    void failureIsolated(Database database) {
        DeskWorld w = world(database);
        List<TicketNumber> asked = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            asked.add(w.asked("3"));
        }
        TicketNumber bad = asked.get(2);
        io.guichet.core.ticket.TicketId badId = w.ticket(bad).id();
        AtomicBoolean broken = new AtomicBoolean(true);
        PerTransaction<CustomerMessenger> failing = tx -> new CustomerMessenger() {
            @Override
            public void received(io.guichet.core.mail.ThreadMessage message) {
                w.ports.messenger().in(tx).received(message);
            }

            @Override
            public void tellAll(List<io.guichet.core.desk.CustomerNotice> notices,
                                java.util.Optional<io.guichet.core.desk.Received> inAnswerTo) {
                for (var notice : notices) {
                    if (broken.get() && notice.ticket().map(Ticket::id).filter(badId::equals).isPresent()) {
                        throw new IllegalStateException("the template of this notice is broken");
                    }
                }
                w.ports.messenger().in(tx).tellAll(notices, inAnswerTo);
            }
        };
        DeskPorts c = w.ports;
        DeskPorts context = new DeskPorts(c.transactions(), c.tickets(), c.deadlines(), c.contacts(), c.versions(),
                failing, c.staff(), c.audit(), c.policy(), c.hours(), c.clock());
        DeadlineSweep sweep = new DeadlineSweep(context, new DeadlineDesk(context),
                new DeadlineSweep.Limits(10, Duration.ofMinutes(1), 10));
        w.clock.advance(Duration.ofDays(2));

        DeadlineSweep.Report report = sweep.sweep();

        assertThat(report.claimed()).isEqualTo(5);
        assertThat(report.applied()).isEqualTo(4);
        assertThat(report.failed()).isEqualTo(1);
        for (TicketNumber number : asked) {
            assertThat(w.mails(number, "This is reminder 1")).hasSize(number.equals(bad) ? 0 : 1);
        }
        assertThat(w.context.tickets().events(badId)).extracting(TicketEvent::kind).doesNotContain(EventKind.REMINDER_SENT);
        assertThat(w.deadlineStore.ofTicket(badId)).filteredOn(d -> d.kind() == DeadlineKind.REMINDER && d.step() == 0)
                .singleElement().satisfies(d -> assertThat(d.pending()).isTrue());

        broken.set(false);
        assertThat(sweep.sweep().claimed()).as("hidden until its lease ends").isZero();
        w.clock.advance(Duration.ofMinutes(1));
        assertThat(sweep.sweep().applied()).isEqualTo(1);
        for (TicketNumber number : asked) {
            assertThat(w.mails(number, "This is reminder 1")).hasSize(1);
        }
    }

    @Test
    @DisplayName("R12a: a deadline claimed by a sweeper that died is applied once its 10-second lease ends, not minutes later")
    void deadHoldersDeadlineComesBack(Database database) {
        DeskWorld w = world(database);
        TicketNumber number = w.asked("3");
        w.clock.advance(Duration.ofDays(2));
        DeadlineSweep sweep = new DeadlineSweep(w.ports, w.deadlines, DeadlineSweep.Limits.defaults());
        assertThat(DeadlineSweep.Limits.defaults().lease()).isEqualTo(Duration.ofSeconds(10));
        List<Deadline> takenByTheDead = w.deadlineStore.claimDue(w.clock.instant(), 100,
                DeadlineSweep.Limits.defaults().lease());
        assertThat(takenByTheDead).isNotEmpty();

        assertThat(sweep.sweep().claimed()).as("still held").isZero();
        w.clock.advance(Duration.ofSeconds(9));
        assertThat(sweep.sweep().claimed()).as("still held").isZero();
        w.clock.advance(Duration.ofSeconds(1));

        assertThat(sweep.sweep().applied()).isEqualTo(takenByTheDead.size());
        assertThat(w.mails(number, "This is reminder 1")).hasSize(1);
    }

    @Test
    @DisplayName("R12a: a live sweeper applying a batch for longer than many leases keeps its claims (it renews them): nobody else takes them")
    void liveSweeperKeepsItsClaims(Database database) throws Exception {
        DeskWorld w = world(database);
        TicketNumber number = w.asked("3");
        java.util.concurrent.CountDownLatch firing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        PerTransaction<CustomerMessenger> slow = tx -> new CustomerMessenger() {
            @Override
            public void received(io.guichet.core.mail.ThreadMessage message) {
                w.ports.messenger().in(tx).received(message);
            }

            @Override
            public void tellAll(List<io.guichet.core.desk.CustomerNotice> notices,
                                Optional<io.guichet.core.desk.Received> inAnswerTo) {
                firing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                w.ports.messenger().in(tx).tellAll(notices, inAnswerTo);
            }
        };
        DeskPorts c = w.ports;
        DeskPorts context = new DeskPorts(c.transactions(), c.tickets(), c.deadlines(), c.contacts(), c.versions(),
                slow, c.staff(), c.audit(), c.policy(), c.hours(), c.clock());
        Duration lease = Duration.ofMillis(300);
        ExecutorService workers = Executors.newFixedThreadPool(1);
        try {
            DeadlineSweep sweep = new DeadlineSweep(context, new DeadlineDesk(context),
                    new DeadlineSweep.Limits(10, lease, 10, 1), workers);
            w.clock.advance(Duration.ofDays(2));
            CompletableFuture<DeadlineSweep.Report> running = CompletableFuture.supplyAsync(sweep::sweep);
            assertThat(firing.await(10, TimeUnit.SECONDS)).isTrue();

            // ten times the lease goes by while the firing is held; each step is shorter than the lease
            for (int i = 0; i < 15; i++) {
                w.clock.advance(Duration.ofMillis(200));
                Thread.sleep(250);
                assertThat(w.deadlineStore.claimDue(w.clock.instant(), 100, lease)).as("another sweeper's claim")
                        .isEmpty();
            }
            release.countDown();

            DeadlineSweep.Report report = running.get(20, TimeUnit.SECONDS);
            assertThat(report.applied()).isEqualTo(1);
            assertThat(w.mails(number, "This is reminder 1")).hasSize(1);
        } finally {
            release.countDown();
            workers.shutdown();
        }
    }

    private static Instant due(DeskWorld w, TicketNumber number, DeadlineKind kind) {
        return w.deadlineStore.ofTicket(w.ticket(number).id()).stream().filter(d -> d.kind() == kind)
                .filter(Deadline::pending).findFirst().orElseThrow().dueAt();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
