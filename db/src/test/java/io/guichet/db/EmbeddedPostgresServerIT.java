package io.guichet.db;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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
             Database database = Database.connect(server.jdbcUrl(), server.user(), server.password(), 2)) {
            assertThat(database.migrate().applied()).isNotEmpty();
            SampleData.account(database.dsl(), "Acme");
            assertThat(setting(database.dsl(), "fsync")).isEqualTo("on");
            assertThat(setting(database.dsl(), "synchronous_commit")).isEqualTo("on");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, false);
             Database database = Database.connect(server.jdbcUrl(), server.user(), server.password(), 2)) {
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
            try (Database database = Database.connect(server.jdbcUrl(), server.user(), server.password(), 1)) {
                assertThat(database.dsl().fetchValue("select 1")).isEqualTo(1);
            }
        }
    }

    @Test
    void every_connection_needs_the_generated_password_kept_with_the_data_readable_by_its_owner_only() throws Exception {
        String password;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, false)) {
            password = server.password();
            assertThat(password).hasSizeGreaterThanOrEqualTo(32);
            Path file = dataDirectory.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(Files.readString(file).strip()).isEqualTo(password);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThatThrownBy(() -> Database.connect(server.jdbcUrl(), server.user(), "", 1))
                    .isInstanceOf(DatabaseUnavailableException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> Database.connect(server.jdbcUrl(), server.user(), "wrong", 1))
                    .isInstanceOf(DatabaseUnavailableException.class).hasMessageContaining("password");
            try (Database database = Database.connect(server.jdbcUrl(), server.user(), password, 1)) {
                assertThat(setting(database.dsl(), "listen_addresses")).isEqualTo("localhost");
                Long notScram = database.dsl().fetchSingle(
                        "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'").get(0, Long.class);
                assertThat(notScram).isZero();
            }
        }
        // a start that died after storing the password but before requiring it left initdb's trusting pg_hba.conf
        Files.writeString(dataDirectory.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDirectory, false)) {
            assertThat(again.password()).as("kept across restarts").isEqualTo(password);
            assertThatThrownBy(() -> Database.connect(again.jdbcUrl(), again.user(), "", 1))
                    .as("required again").isInstanceOf(DatabaseUnavailableException.class);
            try (Database database = Database.connect(again.jdbcUrl(), again.user(), password, 1)) {
                assertThat(database.dsl().fetchValue("select 1")).isEqualTo(1);
            }
        }
    }

    private static String setting(DSLContext dsl, String name) {
        return dsl.fetchValue(field("current_setting({0})", String.class, val(name)));
    }
}
