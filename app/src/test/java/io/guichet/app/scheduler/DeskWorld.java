package io.guichet.app.scheduler;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.CalendarDesk;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.DeadlineDesk;
import io.guichet.core.desk.DeadlineSweep;
import io.guichet.core.desk.DeskContext;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.desk.StaffNoticeDispatcher;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.desk.StaffDesk;
import io.guichet.core.desk.StaffOutcome;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingStaffNotifier;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.db.Database;
import io.guichet.db.JooqContactDirectory;
import io.guichet.db.JooqDeadlineStore;
import io.guichet.db.JooqMailJournal;
import io.guichet.db.JooqNoticeLog;
import io.guichet.db.JooqOutbox;
import io.guichet.db.JooqStaffOutbox;
import io.guichet.db.JooqTicketStore;
import io.guichet.db.JooqTransactions;
import io.guichet.db.JooqVersionCatalog;
import io.guichet.db.JooqVersionsInUse;
import io.guichet.mail.outbound.AutoReplyLimits;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.outbound.NoticeRenderer;
import io.guichet.mail.outbound.OutboxMessenger;
import io.guichet.mail.headers.SubjectTag;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The whole desk on one real PostgreSQL database: jOOQ stores, the deadline store, the real outbox behind the mail
 * renderer, a clock moved by hand and a recording staff notifier. One English contact, Bob, of a covered account.
 */
final class DeskWorld {

    static final Actor.Staff TOM = new Actor.Staff("tom", "tom");
    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    final Database database;
    final MutableClock clock;
    /** What reached the staff; {@link #staffNotices} delivers what is due first. */
    final RecordingStaffNotifier staff = new RecordingStaffNotifier();
    final JooqStaffOutbox staffOutbox;
    final StaffNoticeDispatcher staffDispatcher;
    final JooqOutbox outbox;
    final DeskPorts ports;
    /** The stores outside any unit of work (auto-commit), for the tests' reads. */
    final DeskContext context;
    final CustomerDesk customers;
    final StaffDesk staffDesk;
    final DeadlineDesk deadlines;
    final DeadlineSweep sweep;
    final CalendarDesk calendar;
    final JooqDeadlineStore deadlineStore;
    final Account acme;
    final Contact bob;

    DeskWorld(Database database, MutableClock clock, PolicySettings policy, ServiceHours hours) {
        this.database = database;
        this.clock = clock;
        JooqTransactions tx = database.transactions();
        outbox = new JooqOutbox(tx.autoCommit());
        deadlineStore = new JooqDeadlineStore(tx.autoCommit());
        NoticeRenderer renderer = new NoticeRenderer(new MailTemplates(), new SubjectTag(SubjectTag.DEFAULT_FORMAT),
                policy.reopenWindow());
        JooqContactDirectory contacts = new JooqContactDirectory(tx.autoCommit());
        staffOutbox = new JooqStaffOutbox(tx.autoCommit(), clock);
        staffDispatcher = new StaffNoticeDispatcher(tx, JooqTransactions.bind(s -> new JooqStaffOutbox(s, clock)), staff,
                StaffNoticeDispatcher.Settings.defaults(), clock);
        ports = new DeskPorts(tx, JooqTransactions.bind(JooqTicketStore::new), JooqTransactions.bind(JooqDeadlineStore::new),
                JooqTransactions.bind(JooqContactDirectory::new), JooqTransactions.bind(JooqVersionCatalog::new),
                JooqTransactions.bind(s -> new OutboxMessenger(renderer, new JooqMailJournal(s), new JooqOutbox(s),
                        new AutoReplyLimits(10_000, 10, Duration.ofHours(1)), "guichet.test", clock)),
                JooqTransactions.bind(s -> new JooqStaffOutbox(s, clock)), JooqTransactions.bind(io.guichet.db.JooqAuditLog::new),
                policy, hours, clock);
        context = ports.in(tx.autoCommit());
        customers = new CustomerDesk(ports);
        staffDesk = new StaffDesk(ports);
        deadlines = new DeadlineDesk(ports);
        sweep = new DeadlineSweep(ports, deadlines, new DeadlineSweep.Limits(10, Duration.ofMinutes(1), 100));
        calendar = new CalendarDesk(ports, JooqTransactions.bind(JooqNoticeLog::new), JooqTransactions.bind(JooqVersionsInUse::new));
        acme = contacts.accountNamed("Acme").orElseGet(() -> contacts.addAccount("Acme",
                Optional.of(LocalDate.parse("2030-12-31")), new AccountManager("Marie", "marie@vendor.example")).orElseThrow());
        bob = contacts.activeContact(email("bob@acme.example")).orElseGet(() -> contacts.addContact(acme.id(), "Bob",
                email("bob@acme.example"), "", Language.EN, Optional.empty(), Optional.empty()).orElseThrow());
    }

    static DeskWorld roundTheClock(Database database, MutableClock clock, PolicySettings policy) {
        return new DeskWorld(database, clock, policy, new ServiceHours(new AlwaysOpen(), new AlwaysOpen()));
    }

    TicketNumber open(String severity) {
        CustomerOutcome outcome = customers.handle(new CustomerCommand.OpenTicket(bob.email(), "Bob", Optional.empty(),
                DeskFixture.complete(severity), false));
        return ((CustomerOutcome.Opened) outcome).ticket().number();
    }

    TicketNumber asked(String severity) {
        TicketNumber number = open(severity);
        StaffOutcome outcome = staffDesk.handle(new StaffCommand.Ask(TOM, number, "Which agent version?"));
        if (!(outcome instanceof StaffOutcome.Done)) {
            throw new IllegalStateException("ask refused: " + outcome);
        }
        return number;
    }

    CustomerOutcome reply(TicketNumber number) {
        return customers.handle(new CustomerCommand.AddCustomerMessage(bob.email(), "Bob", Optional.empty(), number,
                IntakeDraft.empty(), "Agent 9.5.0.12", false));
    }

    Ticket ticket(TicketNumber number) {
        return context.tickets().find(number).orElseThrow();
    }

    /** Every mail in the outbox, oldest first (read through the outbox port; claims with a zero lease change nothing). */
    List<OutgoingMail> mails() {
        return outbox.claimDue(FAR, 10_000, Duration.ZERO);
    }

    List<OutgoingMail> mails(TicketNumber number, String bodyText) {
        Ticket ticket = ticket(number);
        return mails().stream().filter(m -> m.ticket().filter(ticket.id()::equals).isPresent())
                .filter(m -> m.body().contains(bodyText)).toList();
    }

    static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }

    /** Delivers the staff notices due now (as the node's dispatcher does), then lists those of {@code kind} delivered. */
    <T extends io.guichet.core.desk.StaffNotice> List<T> staffNotices(Class<T> kind) {
        staffDispatcher.deliverDue();
        return staff.notices(kind);
    }
}
