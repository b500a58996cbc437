package io.guichet.db.testing;

import io.guichet.db.Database;

/**
 * A database of its own for one test, on the test JVM's shared PostgreSQL server, dropped on {@link #close()}.
 * {@link PostgresExtension} creates one per test method; create one directly when a test needs a second one or
 * an unmigrated one.
 */
public final class TestDatabase implements AutoCloseable {

    private static final int POOL_SIZE = 4;

    private final TestServer server;
    private final String name;
    private Database database;

    private TestDatabase(TestServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** A fresh database with every migration applied (a clone of the migrated template). */
    public static TestDatabase createMigrated() {
        TestServer server = TestServer.get();
        return new TestDatabase(server, server.createMigrated());
    }

    /** A fresh database with no table at all: no migration applied. */
    public static TestDatabase createEmpty() {
        TestServer server = TestServer.get();
        return new TestDatabase(server, server.createEmpty());
    }

    /** The database's name on the server. */
    public String name() {
        return name;
    }

    /** A JDBC URL for this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** The user to connect as, or an empty string when the URL says it all. */
    public String user() {
        return server.user();
    }

    /** The password, or an empty string for none. */
    public String password() {
        return server.password();
    }

    /** A {@link Database} on this database, opened on first call and closed with this object. */
    public synchronized Database database() {
        if (database == null) {
            database = Database.connect(jdbcUrl(), user(), password(), POOL_SIZE);
        }
        return database;
    }

    /** Closes the pool, if one was opened, and drops the database (best effort: a failure is not reported). */
    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
        try {
            server.drop(name);
        } catch (RuntimeException e) {
            // best effort: a leftover database carries a unique name and dies with the test server
        }
    }
}
