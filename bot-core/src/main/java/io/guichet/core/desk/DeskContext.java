package io.guichet.core.desk;

import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.port.AuditLog;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.port.CustomerMessenger;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.VersionCatalog;

import java.time.Clock;
import java.time.LocalDate;

/**
 * What the desk's use cases need from outside: ports, the policy, its calendars and the clock. {@code deadlines}
 * holds the timed rules, re-planned with every ticket change; {@code staff} queues staff notices, delivered after
 * commit; {@code audit} records changes outside tickets. Only the composition root and the desks see it: adapters
 * reach the core through the desks.
 */
public record DeskContext(Transactions transactions,
                          TicketStore tickets,
                          DeadlineStore deadlines,
                          ContactDirectory contacts,
                          VersionCatalog versions,
                          CustomerMessenger messenger,
                          StaffOutbox staff,
                          AuditLog audit,
                          PolicySettings policy,
                          ServiceHours hours,
                          Clock clock) {

    /** Today in the clock's zone. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
