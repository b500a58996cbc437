package io.guichet.discord.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.testing.InMemoryDeadlineStore;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.testing.RecordingMessenger;
import io.guichet.core.testing.InMemoryStaffOutbox;
import io.guichet.core.testing.Stores;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketNumber;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A console over the core's in-memory fakes, with one covered account, one contact and helpers to act as staff. */
final class ConsoleFixture {

    static final String TECH = "role-tech";
    static final String MANAGER = "role-manager";

    final Stores stores;
    final RecordingMessenger mail = new RecordingMessenger();
    final InMemoryStaffOutbox staff = new InMemoryStaffOutbox();
    final io.guichet.core.testing.InMemoryAuditLog audit = new io.guichet.core.testing.InMemoryAuditLog();
    final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    final DeskPorts ports;
    /** The stores behind the desks, read directly by the tests (in memory: no transaction of their own). */
    final io.guichet.core.desk.DeskContext desk;
    final io.guichet.core.testing.InMemoryTicketThreads threads = new io.guichet.core.testing.InMemoryTicketThreads();
    final io.guichet.core.desk.Desks desks;
    final Console console;
    final CustomerDesk customers;
    final Account account;
    final Contact contact;
    final io.guichet.core.testing.InMemorySnippetStore snippets = new io.guichet.core.testing.InMemorySnippetStore();

    ConsoleFixture() {
        this(Stores.inMemory());
    }

    /** With other stores (e.g. a ticket store that fails) behind the desk. */
    ConsoleFixture(Stores stores) {
        this.stores = stores;
        ports = DeskPorts.shared(stores.transactions(), stores.tickets(), new InMemoryDeadlineStore(), stores.contacts(), stores.versions(), mail, staff, audit,
                PolicySettings.defaults(), new ServiceHours(new AlwaysOpen(), new AlwaysOpen()), clock);
        desks = io.guichet.core.desk.Desks.of(ports, new io.guichet.core.testing.InMemoryKnowledgeBase(), threads, new io.guichet.core.testing.InMemoryMailJournal(),
                (subject, text) -> io.guichet.core.intake.IntakeDraft.empty(), snippets);
        console = new Console(desks, new StaffRoles(TECH, MANAGER));
        customers = new CustomerDesk(ports);
        desk = ports.in(io.guichet.core.testing.InMemoryTransactions.TX);
        account = stores.contacts().addAccount("Acme", Optional.of(LocalDate.parse("2027-12-31")),
                new AccountManager("Marie Dupont", "marie@vendor.example")).orElseThrow();
        contact = stores.contacts().addContact(account.id(), "Paul Martin", email("paul@acme.example"), "+33 1 23 45 67 89",
                Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
    }

    static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }

    /** A complete ticket from the contact, as mail would open it (R4). */
    Ticket open(String subject, String severity) {
        return open(subject, "It stopped working this morning.", severity);
    }

    Ticket open(String subject, String description, String severity) {
        IntakeDraft draft = IntakeDraft.empty()
                .with(IntakeField.SUBJECT, subject)
                .with(IntakeField.DESCRIPTION, description)
                .with(IntakeField.SEVERITY, severity)
                .with(IntakeField.SERVER_URL, "https://vsa.acme.example")
                .with(IntakeField.MODULE, "Agents")
                .with(IntakeField.STEPS_TO_REPRODUCE, "Open the console, click Agents")
                .with(IntakeField.AFFECTED_DEVICES, "SN 4711, device id dev-42")
                .with(IntakeField.VERSION, "VSA 9.5");
        CustomerOutcome outcome = customers.handle(new CustomerCommand.OpenTicket(contact.email(), contact.name(),
                Optional.empty(), draft, false));
        mail.clear();
        return ((CustomerOutcome.Opened) outcome).ticket();
    }

    Ticket ticket(Ticket t) {
        return desk.tickets().find(t.number()).orElseThrow();
    }

    List<TicketEvent> events(Ticket t) {
        return desk.tickets().events(t.id());
    }

    /** Alice, a technician. */
    Answer tech(String path, String... options) {
        return as("alice", Set.of(TECH), path, options);
    }

    /** Martha, a manager (and not a technician). */
    Answer manager(String path, String... options) {
        return as("martha", Set.of(MANAGER), path, options);
    }

    Answer as(String user, Set<String> roles, String path, String... options) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return console.handle(new SlashInput("id-" + user, user, roles, path, map));
    }

    Answer click(String user, String buttonId) {
        return console.handle(new ButtonInput("id-" + user, user, Set.of(TECH), buttonId));
    }

    static String number(Ticket t) {
        return String.valueOf(t.number().value());
    }

    static TicketNumber numberOf(long value) {
        return new TicketNumber(value);
    }

    /** Captures what {@code type} logs, from now on. */
    static ListAppender<ILoggingEvent> captureLogs(Class<?> type) {
        Logger logger = (Logger) LoggerFactory.getLogger(type);
        logger.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }

    /** Everything an answer shows, for assertions on what a technician reads. */
    static String shown(Answer answer) {
        StringBuilder all = new StringBuilder(answer.content());
        for (Answer.Embed e : answer.embeds()) {
            all.append('\n').append(e.title()).append('\n').append(e.description());
            e.fields().forEach(f -> all.append('\n').append(f.name()).append(": ").append(f.value()));
            e.footer().ifPresent(f -> all.append('\n').append(f));
        }
        return all.toString();
    }
}
