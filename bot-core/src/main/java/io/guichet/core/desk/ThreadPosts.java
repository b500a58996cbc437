package io.guichet.core.desk;

import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which ticket events are posted in the ticket's staff thread. The customer's mail is posted by the desk that
 * receives it, with its whole text (the event keeps an excerpt); replies and notes are written in the thread or
 * answered in the console, so they are not repeated there. A phone call is posted: it was said nowhere in writing.
 */
final class ThreadPosts {

    static final Set<EventKind> POSTED = EnumSet.of(EventKind.CREATED, EventKind.INTAKE_COMPLETED, EventKind.CLAIMED,
            EventKind.ASSIGNED,             EventKind.UNCLAIMED, EventKind.ASKED_CUSTOMER, EventKind.PUT_ON_HOLD, EventKind.RESUMED,
            EventKind.RESOLVED, EventKind.REOPENED, EventKind.CLOSED, EventKind.SEVERITY_CHANGED,
            EventKind.ESCALATED, EventKind.TARGET_BREACHED, EventKind.UPDATE_INTERVAL_CHANGED, EventKind.PHONE_CALL);

    private ThreadPosts() {
    }

    /** The thread posts of {@code events}, which changed {@code ticket} (as saved). */
    static List<StaffNotice> of(Ticket ticket, List<TicketEvent> events) {
        return events.stream()
                .filter(e -> e.ticketId().equals(ticket.id()) && POSTED.contains(e.kind()))
                .<StaffNotice>map(e -> new StaffNotice.ThreadPost(ticket, e.kind(), e.actor().label(), e.detail()))
                .toList();
    }
}
