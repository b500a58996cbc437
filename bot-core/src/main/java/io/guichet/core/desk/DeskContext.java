package io.guichet.core.desk;

import io.guichet.core.deadline.DeadlineStore;
import io.guichet.core.policy.PolicySettings;
import io.guichet.core.port.AuditLog;
import io.guichet.core.port.ContactDirectory;
import io.guichet.core.port.CustomerMessenger;
import io.guichet.core.port.StaffOutbox;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Tx;
import io.guichet.core.port.VersionCatalog;

import java.time.Clock;
import java.time.LocalDate;

/**
 * What a use case needs from outside, inside one transaction {@code tx}: the ports taking part in it, the policy, its
 * calendars and the clock. {@code deadlines} holds the timed rules, re-planned with every ticket change; {@code staff}
 * queues staff notices, delivered after commit; {@code audit} records changes outside tickets. A desk gets one from
 * its {@link DeskPorts} for each unit of work (or from its caller's transaction); adapters reach the core through the
 * desks and never see it.
 */
public record DeskContext(Tx tx,
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
