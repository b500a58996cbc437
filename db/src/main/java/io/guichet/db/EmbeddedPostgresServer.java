package io.guichet.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run by this JVM from the binaries shipped on the classpath (zonky), for production on a
 * single node and for the demo. Its cluster lives in a data directory that survives restarts: the first start
 * creates it ({@code initdb}), later starts reuse it. The server listens on localhost only, trusts local
 * connections (user {@code postgres}, no password) and serves a database named {@value #DATABASE_NAME}, created
 * on first start.
 *
 * <p>When durable, {@code fsync} and {@code synchronous_commit} are on, as in any production PostgreSQL (zonky
 * turns both off by default, which is only fit for tests). A postmaster left running on the directory by a JVM
 * that died without stopping it is stopped before starting.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The database that {@link #jdbcUrl()} names. */
    public static final String DATABASE_NAME = "guichet";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Starts on a free port; see {@link #start(Path, boolean, int)}. */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable) {
        return start(dataDirectory, durable, 0);
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster there if the directory holds none.
     *
     * @param durable whether commits survive a power loss ({@code fsync} and {@code synchronous_commit} on)
     * @param port    the TCP port on localhost, or 0 for a free one
     * @throws DatabaseUnavailableException when the server cannot start (directory in use, port taken, ...)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            requireNotInUse(directory);
            stopOrphanPostmaster(directory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", "localhost");
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory);
            try {
                server.createDatabaseIfMissing();
            } catch (SQLException e) {
                server.close();
                throw e;
            }
            LOG.info("Embedded PostgreSQL on port {} with data in {} (durable: {})", postgres.getPort(), directory, durable);
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new DatabaseUnavailableException(
                    "cannot start the embedded PostgreSQL with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A JDBC URL for {@value #DATABASE_NAME}, user included; no password is needed. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, DATABASE_NAME);
    }

    /** The TCP port the server listens on, on localhost. */
    public int port() {
        return postgres.getPort();
    }

    /** The directory holding the cluster. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed data is kept). */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL with data in {}: {}", dataDirectory, e.getMessage());
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, DATABASE_NAME);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + DATABASE_NAME);
                }
            }
        }
    }

    /**
     * Fails when a live process holds zonky's lock on the directory: another server runs on it, and its postmaster
     * must not be taken for an orphan.
     */
    private static void requireNotInUse(Path directory) throws IOException {
        Path lockFile = directory.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        String inUse = "the data directory is in use by another running server";
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IOException(inUse);
            }
        } catch (OverlappingFileLockException e) {
            throw new IOException(inUse, e);
        }
    }

    /**
     * Stops a postmaster whose {@code postmaster.pid} names a live postgres process: one left behind by a JVM that
     * was killed before it could stop it. PostgreSQL would otherwise refuse to start on the directory.
     */
    private static void stopOrphanPostmaster(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        LOG.warn("Stopping an orphaned PostgreSQL (pid {}) left running on {}", pid, directory);
        ProcessHandle process = postmaster.get();
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL (pid " + pid + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL (pid " + pid + ") on " + directory + " did not stop", e);
        }
    }
}
