package io.guichet.core.ticket;

import java.util.Objects;

/**
 * A ticket about to be created: its parts, without the id and number the store gives it
 * ({@link io.guichet.core.port.TicketStore#create}).
 */
public record NewTicket(Ticket.Requester requester,
                        Ticket.Request request,
                        Ticket.State state,
                        Ticket.Due due,
                        Ticket.Timeline timeline) {

    public NewTicket {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(timeline, "timeline");
    }
}
