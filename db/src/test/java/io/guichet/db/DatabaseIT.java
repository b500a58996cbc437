package io.guichet.db;

import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static io.guichet.db.jooq.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseIT {

    @Test
    void an_unreachable_server_fails_at_once_with_a_one_line_message_without_the_password() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/guichet?password=s3cret";

        assertThatThrownBy(() -> Database.connect(url, "guichet", "s3cret"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort + "/guichet: ")
                .hasMessageNotContaining("s3cret")
                .hasMessageNotContaining("\n");
    }

    @Test
    void migrations_run_even_with_a_pool_of_one_connection() {
        try (TestDatabase empty = TestDatabase.createEmpty();
             Database database = Database.connect(empty.jdbcUrl(), empty.user(), empty.password(), 1)) {
            assertThat(database.migrate().applied()).isNotEmpty();
            assertThat(database.dsl().fetchCount(ACCOUNTS)).isZero();
        }
    }
}
