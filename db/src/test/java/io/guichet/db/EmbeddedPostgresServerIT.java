package io.guichet.db;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static io.guichet.db.jooq.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.val;

class EmbeddedPostgresServerIT {

    @TempDir
    Path dataDirectory;

    @Test
    void data_survives_a_stop_and_start_on_the_same_directory() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, true);
             Database database = Database.connect(server.jdbcUrl(), "", "", 2)) {
            assertThat(database.migrate().applied()).isNotEmpty();
            SampleData.account(database.dsl(), "Acme");
            assertThat(setting(database.dsl(), "fsync")).isEqualTo("on");
            assertThat(setting(database.dsl(), "synchronous_commit")).isEqualTo("on");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, false);
             Database database = Database.connect(server.jdbcUrl(), "", "", 2)) {
            assertThat(database.migrate().applied()).isEmpty();
            assertThat(database.dsl().fetch(ACCOUNTS).getValues(ACCOUNTS.NAME)).containsExactly("Acme");
            assertThat(setting(database.dsl(), "fsync")).isEqualTo("off");
        }
    }

    @Test
    void listens_on_the_port_it_is_given_and_refuses_a_directory_in_use() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, false, port)) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.jdbcUrl()).contains("localhost:" + port + "/guichet");

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDirectory, false))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("in use");
            try (Database database = Database.connect(server.jdbcUrl(), "", "", 1)) {
                assertThat(database.dsl().fetchValue("select 1")).isEqualTo(1);
            }
        }
    }

    private static String setting(DSLContext dsl, String name) {
        return dsl.fetchValue(field("current_setting({0})", String.class, val(name)));
    }
}
