package io.guichet.db;

import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import org.jooq.DSLContext;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.guichet.db.jooq.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.currentCatalog;

/** Each repetition writes the same row; were the database shared, the second would see the first one's row. */
@ExtendWith(PostgresExtension.class)
class IsolationIT {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @RepeatedTest(3)
    void every_test_gets_a_database_of_its_own(TestDatabase testDatabase, DSLContext dsl) {
        assertThat(SEEN.add(testDatabase.name())).as("database name is new").isTrue();
        assertThat(dsl.fetchValue(currentCatalog())).isEqualTo(testDatabase.name());
        assertThat(dsl.fetchCount(ACCOUNTS)).isZero();

        SampleData.account(dsl, "Acme");

        assertThat(dsl.fetchCount(ACCOUNTS)).isEqualTo(1);
    }
}
