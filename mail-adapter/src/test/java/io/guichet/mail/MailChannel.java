package io.guichet.mail;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.desk.StaffDesk;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.desk.StaffNoticeDispatcher;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.port.TicketStore;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingStaffNotifier;
import io.guichet.db.Database;
import io.guichet.db.JooqContactDirectory;
import io.guichet.db.JooqDeadlineStore;
import io.guichet.db.JooqMailFailures;
import io.guichet.db.JooqMailJournal;
import io.guichet.db.JooqQuarantine;
import io.guichet.db.JooqOutbox;
import io.guichet.db.JooqStaffOutbox;
import io.guichet.db.JooqTicketStore;
import io.guichet.db.JooqSession;
import io.guichet.db.JooqTransactions;
import io.guichet.db.JooqVersionCatalog;
import io.guichet.mail.inbound.ClassifierSettings;
import io.guichet.mail.inbound.MailIntake;
import io.guichet.mail.inbound.MailIntakeSettings;
import io.guichet.mail.inbound.MimeParser;
import io.guichet.mail.outbound.AutoReplyLimits;
import io.guichet.mail.outbound.MailTemplates;
import io.guichet.mail.outbound.NoticeRenderer;
import io.guichet.mail.outbound.OutboxMessenger;
import io.guichet.mail.headers.SubjectTag;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The e-mail channel wired on a real PostgreSQL database, for integration tests: the desk, the intake, the
 * outbox messenger, one covered account "Acme" with a French contact (alice@acme.example, certified) and an
 * English one (bob@acme.example).
 */
public final class MailChannel {

    public static final String SUPPORT = "support@guichet.example";
    public static final String DOMAIN = "guichet.example";

    public final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    public final JooqTransactions transactions;
    public final TicketStore tickets;
    public final JooqContactDirectory contacts;
    public final JooqMailJournal journal;
    public final JooqMailFailures failures;
    public final JooqQuarantine quarantine;
    public final JooqOutbox outbox;
    /** What was delivered to the staff, once {@link #deliverStaffNotices} ran. */
    public final RecordingStaffNotifier staff = new RecordingStaffNotifier();
    public final StaffNoticeDispatcher staffDispatcher;
    public final CustomerDesk customers;
    public final StaffDesk staffDesk;
    public final MailIntake intake;
    public final Account acme;
    public final Contact alice;
    public final Contact bob;

    public MailChannel(Database database) {
        this(database, UnaryOperator.identity());
    }

    /** The channel with its staff outbox wrapped by {@code staffOutbox} (to inject failures). */
    public MailChannel(Database database, UnaryOperator<StaffOutbox> staffOutbox) {
        this(database, staffOutbox, UnaryOperator.identity());
    }

    /**
     * The channel whose desk works on {@code aroundTickets} applied to the ticket store (to inject failures where the
     * desk stores tickets), and its staff outbox wrapped by {@code staffOutbox}.
     */
    public MailChannel(Database database, UnaryOperator<StaffOutbox> staffOutbox, UnaryOperator<TicketStore> aroundTickets) {
        transactions = database.transactions();
        JooqSession outside = transactions.autoCommit();
        tickets = aroundTickets.apply(new JooqTicketStore(outside));
        contacts = new JooqContactDirectory(outside);
        journal = new JooqMailJournal(outside);
        failures = new JooqMailFailures(outside);
        quarantine = new JooqQuarantine(outside);
        outbox = new JooqOutbox(outside);
        PolicySettings policy = PolicySettings.defaults();
        SubjectTag tag = new SubjectTag(SubjectTag.DEFAULT_FORMAT);
        NoticeRenderer renderer = new NoticeRenderer(new MailTemplates(), tag, policy.reopenWindow());
        PerTransaction<StaffOutbox> staffNotices = JooqTransactions.bind(session ->
                staffOutbox.apply(new JooqStaffOutbox(session, clock)));
        staffDispatcher = new StaffNoticeDispatcher(transactions, staffNotices, staff,
                StaffNoticeDispatcher.Settings.defaults(), clock);
        DeskPorts ports = new DeskPorts(transactions,
                JooqTransactions.bind(session -> aroundTickets.apply(new JooqTicketStore(session))),
                JooqTransactions.bind(JooqDeadlineStore::new), JooqTransactions.bind(JooqContactDirectory::new),
                JooqTransactions.bind(JooqVersionCatalog::new),
                JooqTransactions.bind(session -> new OutboxMessenger(renderer, new JooqMailJournal(session),
                        new JooqOutbox(session), AutoReplyLimits.defaults(), DOMAIN, clock)),
                staffNotices, JooqTransactions.bind(io.guichet.db.JooqAuditLog::new), policy,
                new ServiceHours(new AlwaysOpen(), new AlwaysOpen()), clock);
        customers = new CustomerDesk(ports);
        staffDesk = new StaffDesk(ports);
        intake = new MailIntake(new MimeParser(), transactions, JooqTransactions.bind(JooqMailJournal::new), failures,
                customers,
                new MailIntakeSettings(tag, ClassifierSettings.of(SUPPORT, DOMAIN), Optional.of("mx.guichet.example"),
                        policy.escalationKeywords()), clock);
        acme = contacts.accountNamed("Acme").orElseGet(() -> contacts.addAccount("Acme",
                Optional.of(LocalDate.parse("2026-12-31")), new AccountManager("Marie Curie", "marie@vendor.example"))
                .orElseThrow());
        alice = contacts.activeContact(email("alice@acme.example")).orElseGet(() -> contacts.addContact(acme.id(),
                "Alice Martin", email("alice@acme.example"), "", Language.FR, Optional.empty(),
                Optional.of(LocalDate.parse("2026-12-31"))).orElseThrow());
        bob = contacts.activeContact(email("bob@acme.example")).orElseGet(() -> contacts.addContact(acme.id(),
                "Bob Smith", email("bob@acme.example"), "", Language.EN, Optional.empty(), Optional.empty()).orElseThrow());
    }

    public static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }

    /** Delivers the staff notices due now, as the node's dispatcher does after each commit. */
    public StaffNoticeDispatcher.Pass deliverStaffNotices() {
        return staffDispatcher.deliverDue();
    }
}
