package io.guichet.db;

import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.guichet.db.jooq.Tables.ACCOUNTS;
import static io.guichet.db.jooq.Tables.CONTACTS;
import static io.guichet.db.jooq.Tables.TICKETS;
import static io.guichet.db.jooq.Tables.TICKET_EVENTS;

/** Inserts the smallest valid rows the integration tests need. */
final class SampleData {

    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.UTC);

    private SampleData() {
    }

    static long account(DSLContext dsl, String name) {
        return dsl.insertInto(ACCOUNTS).set(ACCOUNTS.NAME, name).returning(ACCOUNTS.ID).fetchSingle(ACCOUNTS.ID);
    }

    static long contact(DSLContext dsl, long accountId, String email) {
        return dsl.insertInto(CONTACTS)
                .set(CONTACTS.ACCOUNT_ID, accountId)
                .set(CONTACTS.NAME, "Ada Lovelace")
                .set(CONTACTS.EMAIL, email)
                .returning(CONTACTS.ID)
                .fetchSingle(CONTACTS.ID);
    }

    /** Inserts an OPEN ticket and returns its number, taken from the sequence. */
    static long ticket(DSLContext dsl, long accountId, long contactId) {
        return dsl.insertInto(TICKETS)
                .set(TICKETS.ACCOUNT_ID, accountId)
                .set(TICKETS.CONTACT_ID, contactId)
                .set(TICKETS.STATUS, "OPEN")
                .set(TICKETS.CREATED_AT, NOW)
                .set(TICKETS.UPDATED_AT, NOW)
                .returning(TICKETS.NUMBER)
                .fetchSingle(TICKETS.NUMBER);
    }

    static long ticketId(DSLContext dsl, long number) {
        return dsl.select(TICKETS.ID).from(TICKETS).where(TICKETS.NUMBER.eq(number)).fetchSingle(TICKETS.ID);
    }

    static long event(DSLContext dsl, long ticketId, String kind) {
        return dsl.insertInto(TICKET_EVENTS)
                .set(TICKET_EVENTS.TICKET_ID, ticketId)
                .set(TICKET_EVENTS.AT, NOW)
                .set(TICKET_EVENTS.ACTOR, "system")
                .set(TICKET_EVENTS.KIND, kind)
                .returning(TICKET_EVENTS.ID)
                .fetchSingle(TICKET_EVENTS.ID);
    }
}
