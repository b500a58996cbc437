package io.guichet.db.testing;

import io.guichet.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one PostgreSQL server of this test JVM, started on first use: the server named by
 * {@code GUICHET_TEST_DB_URL} (with {@code GUICHET_TEST_DB_USER}, {@code GUICHET_TEST_DB_PASSWORD}) when set, else
 * an embedded one. On first use it also creates a template database and applies the migrations into it; every
 * test database is then a cheap clone of the template.
 *
 * <p>Database names carry a prefix unique to this JVM and a counter, so parallel test classes, and several JVMs
 * on one external server, never collide.
 */
final class TestServer {

    private static final String URL_VARIABLE = "GUICHET_TEST_DB_URL";
    private static final String USER_VARIABLE = "GUICHET_TEST_DB_USER";
    private static final String PASSWORD_VARIABLE = "GUICHET_TEST_DB_PASSWORD";

    private final String maintenanceUrl;
    private final String user;
    private final String password;
    private final String prefix;
    private final String template;
    private final AtomicLong counter = new AtomicLong();

    private TestServer(String maintenanceUrl, String user, String password) {
        this.maintenanceUrl = maintenanceUrl;
        this.user = user;
        this.password = password;
        this.prefix = "guichet_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "_";
        this.template = prefix + "template";
    }

    /** The server, started and its template migrated on first call. */
    static TestServer get() {
        return Holder.INSTANCE;
    }

    /** Initialization-on-demand: the JVM runs {@link #start()} once, on first use, thread-safely. */
    private static final class Holder {
        private static final TestServer INSTANCE = start();
    }

    private static TestServer start() {
        String externalUrl = System.getenv(URL_VARIABLE);
        TestServer server;
        if (externalUrl != null && !externalUrl.isBlank()) {
            server = new TestServer(externalUrl,
                    Objects.requireNonNullElse(System.getenv(USER_VARIABLE), ""),
                    Objects.requireNonNullElse(System.getenv(PASSWORD_VARIABLE), ""));
            Runtime.getRuntime().addShutdownHook(new Thread(server::dropTemplate, "guichet-test-template-drop"));
        } else {
            EmbeddedPostgres embedded = embedded();
            server = new TestServer("jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres", "postgres", "");
        }
        server.createTemplate();
        return server;
    }

    /** An embedded server with zonky's test settings (fsync off); zonky stops it when the JVM exits. */
    private static EmbeddedPostgres embedded() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
        }
    }

    /** A new database cloned from the migrated template. */
    String createMigrated() {
        String name = nextName();
        execute("create database " + name + " template " + template);
        return name;
    }

    /** A new database with no migration applied. */
    String createEmpty() {
        String name = nextName();
        execute("create database " + name + " template template0");
        return name;
    }

    /** Drops {@code name}, ending the sessions still connected to it. */
    void drop(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    String jdbcUrl(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(maintenanceUrl);
        source.setDatabaseName(database);
        return source.getUrl();
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    private void createTemplate() {
        execute("create database " + template + " template template0");
        try (Database database = Database.connect(jdbcUrl(template), user, password, 2)) {
            database.migrate();
        }
    }

    private void dropTemplate() {
        try {
            drop(template);
        } catch (RuntimeException e) {
            // best effort at JVM exit: a leftover template is harmless and carries a unique name
        }
    }

    private String nextName() {
        return prefix + counter.incrementAndGet();
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database server (" + maintenanceUrl + "): " + sql + " failed", e);
        }
    }

    private Properties credentials() {
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        return properties;
    }
}
