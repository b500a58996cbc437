package io.guichet.db;

import io.guichet.db.testing.PostgresExtension;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.guichet.db.jooq.Tables.TICKET_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class TicketEventsIT {

    private long ticketId;
    private long eventId;

    @BeforeEach
    void one_event_recorded(DSLContext dsl) {
        long account = SampleData.account(dsl, "Acme");
        long contact = SampleData.contact(dsl, account, "ada@acme.example");
        ticketId = SampleData.ticketId(dsl, SampleData.ticket(dsl, account, contact));
        eventId = SampleData.event(dsl, ticketId, "OPENED");
    }

    @Test
    void events_can_be_appended(DSLContext dsl) {
        SampleData.event(dsl, ticketId, "CLAIMED");

        assertThat(dsl.fetchCount(TICKET_EVENTS, TICKET_EVENTS.TICKET_ID.eq(ticketId))).isEqualTo(2);
    }

    @Test
    void an_event_cannot_be_updated(DSLContext dsl) {
        assertThatThrownBy(() -> dsl.update(TICKET_EVENTS)
                .set(TICKET_EVENTS.DETAIL, "rewritten")
                .where(TICKET_EVENTS.ID.eq(eventId))
                .execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("ticket_events is append-only");

        assertThat(dsl.fetchSingle(TICKET_EVENTS, TICKET_EVENTS.ID.eq(eventId)).getDetail()).isEmpty();
    }

    @Test
    void an_event_cannot_be_deleted(DSLContext dsl) {
        assertThatThrownBy(() -> dsl.deleteFrom(TICKET_EVENTS).where(TICKET_EVENTS.ID.eq(eventId)).execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("ticket_events is append-only");

        assertThat(dsl.fetchExists(TICKET_EVENTS, TICKET_EVENTS.ID.eq(eventId))).isTrue();
    }
}
