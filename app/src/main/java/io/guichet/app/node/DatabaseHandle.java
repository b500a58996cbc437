package io.guichet.app.node;

import io.guichet.app.config.GuichetConfig;
import io.guichet.db.Database;
import io.guichet.db.EmbeddedPostgresServer;
import io.guichet.db.SchemaState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The database a command works on: the configured PostgreSQL, or an embedded one whose data survives restarts
 * in {@code GUICHET_DATA_DIR/pgdata}. Only {@code run} (and {@code migrate}) migrate it; admin commands open it as it is
 * and refuse a schema this build does not work with. Closing it closes the pool, then the embedded server.
 */
public final class DatabaseHandle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHandle.class);

    private final Optional<EmbeddedPostgresServer> server;
    private final Database database;

    private DatabaseHandle(Optional<EmbeddedPostgresServer> server, Database database) {
        this.server = server;
        this.database = database;
    }

    /**
     * Opens the database of {@code config} for an admin command, as it is: never migrated. The configured PostgreSQL;
     * or, with the embedded one, the server a running {@code guichet run} holds on the data directory (reached on its
     * port with the password kept with the data), else one started here on the existing data. The schema must be the
     * one this build knows: a database with no schema (an embedded data directory never initialized included, which is
     * then not created), behind it or migrated by a newer build is refused with a {@link SchemaMismatchException}
     * saying what to run.
     */
    public static DatabaseHandle open(GuichetConfig.DatabaseConfig config) {
        if (config.url().isEmpty()) {
            Path data = config.dataDirectory().resolve("pgdata");
            if (EmbeddedPostgresServer.running(data).isEmpty() && !Files.exists(data.resolve("PG_VERSION"))) {
                throw SchemaMismatchException.missing();
            }
        }
        DatabaseHandle handle = openAsIs(config);
        try {
            Optional<SchemaMismatchException> refusal = SchemaMismatchException.of(handle.database().schemaState());
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    /**
     * Opens and migrates the database of {@code config} for {@code run}: the embedded server is started here, and a
     * data directory another process holds is refused.
     */
    public static DatabaseHandle openForRun(GuichetConfig.DatabaseConfig config) {
        if (config.url().isPresent()) {
            Database database = Database.connect(config.url().get(), config.user(), config.password(), config.poolSize());
            return migrated(Optional.empty(), database);
        }
        Path data = config.dataDirectory().resolve("pgdata");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, true);
        try {
            return migrated(Optional.of(server), Database.connect(server.jdbcUrl(), server.user(), server.password(), config.poolSize()));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Opens the database of {@code config} as it is, without migrating it (backups, restores: they decide which
     * migrations run).
     */
    public static DatabaseHandle openAsIs(GuichetConfig.DatabaseConfig config) {
        if (config.url().isEmpty()) {
            Optional<DatabaseHandle> running = attached(config);
            if (running.isPresent()) {
                return running.get();
            }
        }
        if (config.url().isPresent()) {
            return new DatabaseHandle(Optional.empty(),
                    Database.connect(config.url().get(), config.user(), config.password(), config.poolSize()));
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(config.dataDirectory().resolve("pgdata"), true);
        try {
            return new DatabaseHandle(Optional.of(server),
                    Database.connect(server.jdbcUrl(), server.user(), server.password(), config.poolSize()));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The embedded server that a running node holds on the data directory, reached without starting another. */
    private static Optional<DatabaseHandle> attached(GuichetConfig.DatabaseConfig config) {
        Path data = config.dataDirectory().resolve("pgdata");
        return EmbeddedPostgresServer.running(data).map(running -> {
            LOG.info("Using the embedded PostgreSQL that a running Guichet holds on {} (port {})",
                    data.toAbsolutePath(), running.port());
            return new DatabaseHandle(Optional.empty(), Database.connect(running.jdbcUrl(), running.user(),
                    running.password(), Math.min(2, config.poolSize())));
        });
    }

    /** Where the embedded server keeps its data, when embedded. */
    public Optional<java.nio.file.Path> embeddedDataDirectory() {
        return server.map(EmbeddedPostgresServer::dataDirectory);
    }

    /** A throw-away embedded database (demo mode): data in {@code directory}, no durability. */
    public static DatabaseHandle ephemeral(Path directory, int poolSize) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory, false);
        try {
            return migrated(Optional.of(server), Database.connect(server.jdbcUrl(), server.user(), server.password(), poolSize));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static DatabaseHandle migrated(Optional<EmbeddedPostgresServer> server, Database database) {
        try {
            // the one-line refusal of a newer schema, before any work; Database.migrate refuses it again under its lock
            if (database.schemaState() instanceof SchemaState.Newer newer) {
                throw SchemaMismatchException.newer(newer);
            }
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new DatabaseHandle(server, database);
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        server.ifPresent(EmbeddedPostgresServer::close);
    }
}
