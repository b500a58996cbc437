package io.guichet.core.testing;

import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.Contact;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.calendar.AlwaysOpen;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.DeskPorts;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.desk.ServiceHours;
import io.guichet.core.desk.StaffDesk;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.policy.PolicySettings;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A desk on the in-memory fakes with one covered account ("Acme", manager Marie), a certified French contact
 * (alice@acme.example) and an English one (bob@acme.example), and a second account ("Globex") with its own
 * contact (gina@globex.example). The clock starts Monday 2 March 2026, 09:00 UTC.
 */
public final class DeskFixture {

    public final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    public final Stores stores = Stores.inMemory();
    public final RecordingMessenger messenger = new RecordingMessenger();
    public final InMemoryStaffOutbox staff;
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final InMemoryDeadlineStore deadlines = new InMemoryDeadlineStore();
    public final DeskPorts context;
    public final CustomerDesk customers;
    public final StaffDesk staffDesk;
    public final DirectoryDesk directory;
    public final Account acme;
    public final Contact alice;
    public final Contact bob;
    public final Contact gina;

    public DeskFixture() {
        this(PolicySettings.defaults());
    }

    public DeskFixture(PolicySettings policy) {
        staff = new InMemoryStaffOutbox(clock::instant);
        context = DeskPorts.shared(stores.transactions(), stores.tickets(), deadlines, stores.contacts(), stores.versions(),
                messenger, staff, audit, policy, new ServiceHours(new AlwaysOpen(), new AlwaysOpen()), clock);
        customers = new CustomerDesk(context);
        staffDesk = new StaffDesk(context);
        directory = new DirectoryDesk(context);
        acme = stores.contacts().addAccount("Acme", Optional.of(LocalDate.parse("2026-12-31")),
                new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
        alice = stores.contacts().addContact(acme.id(), "Alice", email("alice@acme.example"), "+33 1 23 45 67 89",
                Language.FR, Optional.empty(), Optional.of(LocalDate.parse("2026-12-31"))).orElseThrow();
        bob = stores.contacts().addContact(acme.id(), "Bob", email("bob@acme.example"), "+1 555 0100",
                Language.EN, Optional.empty(), Optional.empty()).orElseThrow();
        Account globex = stores.contacts().addAccount("Globex", Optional.of(LocalDate.parse("2026-12-31")),
                new AccountManager("Hank", "hank@vendor.example")).orElseThrow();
        gina = stores.contacts().addContact(globex.id(), "Gina", email("gina@globex.example"), "", Language.EN,
                Optional.empty(), Optional.empty()).orElseThrow();
    }

    /** Every R4 field, valid, severity {@code severity}. */
    public static IntakeDraft complete(String severity) {
        return new IntakeDraft(Optional.of("Agents offline"), Optional.of("All agents went offline after the upgrade."),
                Optional.of(severity), Optional.of("https://vsa.acme.example"), Optional.of("Agent"),
                Optional.of("1. upgrade 2. open the console"), Optional.of("SN-1234 / dev-42"),
                Optional.of("VSA 9.5.0.12"));
    }

    public static EmailAddress email(String text) {
        return EmailAddress.parse(text).orElseThrow();
    }
}
