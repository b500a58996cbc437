package io.guichet.db;

import io.guichet.db.testing.PostgresExtension;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.guichet.db.jooq.Tables.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
class TicketNumbersIT {

    @Test
    void ticket_numbers_start_at_1000_and_follow_the_sequence(DSLContext dsl) {
        long account = SampleData.account(dsl, "Acme");
        long contact = SampleData.contact(dsl, account, "ada@acme.example");

        long first = SampleData.ticket(dsl, account, contact);
        long second = SampleData.ticket(dsl, account, contact);

        assertThat(first).isEqualTo(1000);
        assertThat(second).isEqualTo(1001);
    }

    @Test
    void concurrent_inserts_get_distinct_numbers(Database database) throws Exception {
        DSLContext dsl = database.dsl();
        long account = SampleData.account(dsl, "Acme");
        long contact = SampleData.contact(dsl, account, "ada@acme.example");
        List<Long> numbers = new ArrayList<>();

        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Long>> inserts = IntStream.range(0, 40)
                    .mapToObj(i -> threads.submit(() -> SampleData.ticket(dsl, account, contact)))
                    .toList();
            for (Future<Long> insert : inserts) {
                numbers.add(insert.get());
            }
        }

        assertThat(numbers).doesNotHaveDuplicates().hasSize(40).allSatisfy(n -> assertThat(n).isBetween(1000L, 1039L));
    }

    @Test
    void a_ticket_number_cannot_be_used_twice(DSLContext dsl) {
        long account = SampleData.account(dsl, "Acme");
        long contact = SampleData.contact(dsl, account, "ada@acme.example");
        long taken = SampleData.ticket(dsl, account, contact);

        assertThatThrownBy(() -> dsl.insertInto(TICKETS)
                .set(TICKETS.NUMBER, taken)
                .set(TICKETS.ACCOUNT_ID, account)
                .set(TICKETS.CONTACT_ID, contact)
                .set(TICKETS.STATUS, "OPEN")
                .set(TICKETS.CREATED_AT, SampleData.NOW)
                .set(TICKETS.UPDATED_AT, SampleData.NOW)
                .execute())
                .isInstanceOf(IntegrityConstraintViolationException.class)
                .hasMessageContaining("tickets_number_unique");
    }
}
