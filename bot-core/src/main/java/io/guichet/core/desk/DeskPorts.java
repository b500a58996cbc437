package io.guichet.core.desk;

import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.port.AuditLog;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.port.CustomerMessenger;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.Tx;
import io.guichet.core.port.VersionCatalog;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The desks' way out: the transactions, each port as seen from one transaction, the policy, its calendars and the
 * clock. A use case opens its unit of work with {@link #inTransaction} (or joins its caller's with {@link #in}) and
 * works on the {@link DeskContext} bound to it; the transaction is passed, never looked up. Only the composition root
 * and the desks see it.
 */
public record DeskPorts(Transactions transactions,
                        PerTransaction<TicketStore> tickets,
                        PerTransaction<DeadlineStore> deadlines,
                        PerTransaction<ContactDirectory> contacts,
                        PerTransaction<VersionCatalog> versions,
                        PerTransaction<CustomerMessenger> messenger,
                        PerTransaction<StaffOutbox> staff,
                        PerTransaction<AuditLog> audit,
                        PolicySettings policy,
                        ServiceHours hours,
                        Clock clock) {

    public DeskPorts {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(contacts, "contacts");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(messenger, "messenger");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(clock, "clock");
    }

    /** Ports with no transaction of their own (in memory): the same instances in every transaction. */
    public static DeskPorts shared(Transactions transactions, TicketStore tickets, DeadlineStore deadlines,
                                   ContactDirectory contacts, VersionCatalog versions, CustomerMessenger messenger,
                                   StaffOutbox staff, AuditLog audit, PolicySettings policy, ServiceHours hours,
                                   Clock clock) {
        return new DeskPorts(transactions, PerTransaction.same(tickets), PerTransaction.same(deadlines),
                PerTransaction.same(contacts), PerTransaction.same(versions), PerTransaction.same(messenger),
                PerTransaction.same(staff), PerTransaction.same(audit), policy, hours, clock);
    }

    /** The ports inside {@code tx}: a caller's transaction the use case joins. */
    public DeskContext in(Tx tx) {
        Objects.requireNonNull(tx, "tx");
        return new DeskContext(tx, tickets.in(tx), deadlines.in(tx), contacts.in(tx), versions.in(tx),
                messenger.in(tx), staff.in(tx), audit.in(tx), policy, hours, clock);
    }

    /** Runs {@code work} in a new transaction, on the ports bound to it. */
    public <T> T inTransaction(Function<DeskContext, T> work) {
        return transactions.inTransaction(tx -> work.apply(in(tx)));
    }

    /** Runs {@code work} in a new transaction, on the ports bound to it. */
    public void run(Consumer<DeskContext> work) {
        transactions.run(tx -> work.accept(in(tx)));
    }

    /** Today in the clock's zone. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
