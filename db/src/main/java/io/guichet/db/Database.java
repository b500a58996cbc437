package io.guichet.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * A PostgreSQL database reached through a HikariCP pool: runs the Flyway migrations of this module and hands out
 * a jOOQ {@link DSLContext} and the {@link JooqTransactions} that repositories use. Close it to close the pool.
 *
 * <p>{@link #connect} checks that the server answers before building the pool, so a wrong URL or a server that is
 * down fails at once with a {@link DatabaseUnavailableException} carrying a one-line message.
 */
public final class Database implements AutoCloseable {

    /** Pool size used when none is given. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final JooqTransactions transactions;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    private Database(HikariDataSource pool, String jdbcUrl, String user, String password) {
        this.pool = pool;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
        this.transactions = new JooqTransactions(dsl);
    }

    /** Connects with {@link #DEFAULT_POOL_SIZE} connections at most; see {@link #connect(String, String, String, int)}. */
    public static Database connect(String jdbcUrl, String user, String password) {
        return connect(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * Connects to {@code jdbcUrl} and opens a pool of at most {@code poolSize} connections.
     *
     * @param user     the user name, or an empty string to take it from the URL
     * @param password the password, or an empty string for none (or the one in the URL)
     * @throws DatabaseUnavailableException when the server cannot be reached or refuses the credentials
     */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        checkReachable(jdbcUrl, user, password);

        HikariConfig config = new HikariConfig();
        config.setPoolName("guichet");
        config.setJdbcUrl(jdbcUrl);
        if (!user.isEmpty()) {
            config.setUsername(user);
        }
        if (!password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        return new Database(new HikariDataSource(config), jdbcUrl, user, password);
    }

    /**
     * Applies the pending Flyway migrations found at {@code classpath:db/migration}. Flyway opens its own
     * connections (it needs two at once), so this works whatever the pool size.
     *
     * @throws MigrationFailedException when a migration fails or the applied ones do not match the scripts
     */
    public MigrationReport migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load();
        try {
            refuseNewerSchema(flyway);
            MigrateResult result = flyway.migrate();
            List<AppliedMigration> applied = result.migrations.stream().map(Database::applied).toList();
            Optional<String> version = Optional.ofNullable(flyway.info().current())
                    .map(MigrationInfo::getVersion)
                    .map(Object::toString);
            return new MigrationReport(applied, version);
        } catch (FlywayException e) {
            throw new MigrationFailedException(e.getMessage(), e);
        }
    }

    /**
     * A database migrated by a newer Guichet (a migration applied that this version does not have) is refused: this
     * version's code would misread it. Flyway would otherwise carry on. Two nodes migrating at once are safe: Flyway
     * holds a PostgreSQL advisory lock while it migrates.
     */
    private static void refuseNewerSchema(Flyway flyway) {
        MigrationInfo[] all = flyway.info().all();
        Optional<String> latestKnown = java.util.Arrays.stream(all)
                .filter(m -> m.getState() != org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
                        && m.getState() != org.flywaydb.core.api.MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion).filter(Objects::nonNull).max(Comparable::compareTo).map(Object::toString);
        java.util.Arrays.stream(all)
                .filter(m -> m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS
                        || m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion).filter(Objects::nonNull).max(Comparable::compareTo)
                .ifPresent(newer -> {
                    throw new MigrationFailedException("the database's schema is at version " + newer
                            + ", newer than this Guichet knows (" + latestKnown.orElse("none")
                            + "): run the Guichet version that migrated it (or newer).", null);
                });
    }

    /**
     * Applies the pending migrations up to {@code version} only (a restore loads a backup into the schema it was
     * taken from, then migrates the rest).
     */
    public MigrationReport migrateTo(String version) {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .target(version)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            List<AppliedMigration> applied = result.migrations.stream().map(Database::applied).toList();
            return new MigrationReport(applied, schemaVersion(flyway));
        } catch (FlywayException e) {
            throw new MigrationFailedException(e.getMessage(), e);
        }
    }

    /** The version of the schema now, empty when no migration was applied yet. */
    public Optional<String> schemaVersion() {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl, user.isEmpty() ? null : user, password.isEmpty() ? null : password)
                .locations(MIGRATIONS)
                .load();
        try {
            return schemaVersion(flyway);
        } catch (FlywayException e) {
            throw new MigrationFailedException(e.getMessage(), e);
        }
    }

    /**
     * Where the schema stands against the migrations of this build, read without changing anything (no table is
     * created in an empty database). Read from Flyway's history table and the scripts' names on the class path, in two
     * statements on one pooled connection, without starting Flyway (an admin command checks this before each run; Flyway
     * itself took some 0.6 s of a command's start): the versions compared as Flyway orders them. A history row of a
     * failed migration counts as not applied.
     */
    public SchemaState schemaState() {
        List<String> scripts = MigrationScripts.versions();
        String known = MigrationScripts.latest(scripts).orElseThrow(); // versions() refuses a build without scripts
        List<String> applied = new java.util.ArrayList<>();
        try (Connection connection = pool.getConnection()) {
            boolean history;
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("select to_regclass('flyway_schema_history') is not null")) {
                rs.next();
                history = rs.getBoolean(1);
            }
            if (history) {
                try (var statement = connection.createStatement();
                     var rs = statement.executeQuery(
                             "select version from flyway_schema_history where version is not null and success")) {
                    while (rs.next()) {
                        applied.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read the schema's version at " + redacted(jdbcUrl) + ": "
                    + firstLine(e.getMessage()), e);
        }
        Optional<String> current = MigrationScripts.latest(applied);
        if (current.isEmpty()) {
            return new SchemaState.Missing(known);
        }
        if (MigrationScripts.ORDER.compare(current.get(), known) > 0) {
            return new SchemaState.Newer(current.get(), known);
        }
        return MigrationScripts.ORDER.compare(current.get(), known) < 0 ? new SchemaState.Older(current.get(), known)
                : new SchemaState.Current(known);
    }

    private static Optional<String> schemaVersion(Flyway flyway) {
        return Optional.ofNullable(flyway.info().current()).map(MigrationInfo::getVersion).map(Object::toString);
    }

    /** The pooled data source; connections borrowed from it must be closed. */
    public DataSource dataSource() {
        return pool;
    }

    /** A jOOQ context on the pool (PostgreSQL dialect); each statement borrows a connection in auto-commit. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The transactions of this database: the one instance that repositories on this database share. */
    public JooqTransactions transactions() {
        return transactions;
    }

    /** The connection pool now: connections in use, idle, open, the most it may open, and threads waiting for one. */
    public record PoolState(int active, int idle, int total, int maximum, int waiting) {
    }

    /** The pool's figures, for metrics (read from HikariCP; zero once closed). */
    public PoolState poolState() {
        var bean = pool.getHikariPoolMXBean();
        if (bean == null || pool.isClosed()) {
            return new PoolState(0, 0, 0, pool.getMaximumPoolSize(), 0);
        }
        return new PoolState(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                pool.getMaximumPoolSize(), bean.getThreadsAwaitingConnection());
    }

    /** Closes the pool. */
    @Override
    public void close() {
        pool.close();
    }

    private static AppliedMigration applied(MigrateOutput output) {
        return new AppliedMigration(output.version, output.description, output.filepath);
    }

    private static void checkReachable(String jdbcUrl, String user, String password) {
        Properties properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            connection.isValid(5);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    "cannot connect to " + redacted(jdbcUrl) + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** The URL without its parameters, which may hold a password. */
    static String redacted(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
