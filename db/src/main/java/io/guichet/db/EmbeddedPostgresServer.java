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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run by this JVM from the binaries shipped on the classpath (zonky), for production on a
 * single node and for the demo. Its cluster lives in a data directory that survives restarts: the first start
 * creates it ({@code initdb}), later starts reuse it. The server listens on the loopback interface only and serves
 * a database named {@value #DATABASE_NAME}, created on first start. Every connection, TCP or Unix socket, needs the
 * password of the superuser {@code postgres} ({@code scram-sha-256}): it is generated on the first start and kept
 * in {@value #PASSWORD_FILE} inside the data directory, readable by its owner only (mode 0600). A data directory
 * made by an earlier version, which trusted local connections, gets a password the same way on its next start.
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
    /** The superuser's password, in the data directory. */
    public static final String PASSWORD_FILE = "guichet-postgres.password";
    private static final String HBA = """
            # Written by Guichet: every connection needs the password of guichet-postgres.password.
            local   all   all                 scram-sha-256
            host    all   all   127.0.0.1/32  scram-sha-256
            host    all   all   ::1/128       scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.password = password;
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
        return start(dataDirectory, durable, port, Map.of());
    }

    /**
     * As {@link #start(Path, boolean, int)}, with more server settings ({@code postgresql.conf} names and values), for
     * measurements (the benchmarks load {@code pg_stat_statements} this way); the node itself passes none.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, boolean durable, int port,
                                               Map<String, String> settings) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
            requireNotInUse(directory);
            stopOrphanPostmaster(directory);
            Optional<String> stored = storedPassword(directory);
            String password = stored.orElseGet(EmbeddedPostgresServer::newPassword);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setConnectConfig("password", password)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            settings.forEach(builder::setServerConfig);
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, directory, password);
            try {
                if (stored.isEmpty() || !passwordRequired(directory)) {
                    server.requirePassword();
                }
                server.createDatabaseIfMissing();
            } catch (IOException | SQLException e) {
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

    /** A JDBC URL for {@value #DATABASE_NAME}, user included; connect with {@link #password()}. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, DATABASE_NAME);
    }

    /** The superuser, named in {@link #jdbcUrl()}. */
    public String user() {
        return SUPERUSER;
    }

    /** The superuser's password (never log it). */
    public String password() {
        return password;
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

    /**
     * Gives the superuser its password, then makes every connection need it: a cluster just made by {@code initdb}
     * (or by an earlier version) trusts local connections until now. The password is stored before the server
     * requires it, so a crash in between leaves a cluster that still opens.
     */
    private void requirePassword() throws SQLException, IOException {
        writePassword(dataDirectory, password);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("alter user " + SUPERUSER + " password '" + password + "'");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA);
            statement.execute("select pg_reload_conf()");
        }
        LOG.info("The embedded PostgreSQL now requires a password, stored in {}", dataDirectory.resolve(PASSWORD_FILE));
    }

    /** Whether the cluster's pg_hba.conf is Guichet's (a start that died before writing it left initdb's). */
    private static boolean passwordRequired(Path directory) throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        return Files.isRegularFile(hba) && Files.readString(hba).equals(HBA);
    }

    /** The stored password, when the cluster exists and has one. */
    private static Optional<String> storedPassword(Path directory) throws IOException {
        Path file = directory.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(directory.resolve("PG_VERSION"))) {
            return Optional.empty();
        }
        String password = Files.readString(file).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    private static void writePassword(Path directory, String password) throws IOException {
        Path file = directory.resolve(PASSWORD_FILE);
        Path partial = directory.resolve(PASSWORD_FILE + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, password + "\n");
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** 32 random letters and digits (about 190 bits). */
    private static String newPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        java.security.SecureRandom random = new java.security.SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
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

    /** How to reach an embedded server that another process (or another part of this one) runs. */
    public record Running(int port, String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Running[" + jdbcUrl + "]";
        }
    }

    /**
     * The server running on {@code dataDirectory}, when one does (a {@code guichet run}): its port from
     * {@code postmaster.pid} and the password kept with the data, so that admin commands work beside it. Empty when
     * no live server holds the directory, or its password cannot be read (another user's data).
     */
    public static Optional<Running> running(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            if (!Files.exists(directory.resolve(ZONKY_LOCK_FILE))) {
                return Optional.empty();
            }
            try {
                requireNotInUse(directory);
                return Optional.empty();
            } catch (IOException inUse) {
                // held: read where it listens
            }
            List<String> pid = Files.readAllLines(directory.resolve("postmaster.pid"));
            Optional<String> password = storedPassword(directory);
            if (pid.size() < 4 || password.isEmpty()
                    || ProcessHandle.of(Long.parseLong(pid.getFirst().trim())).filter(ProcessHandle::isAlive).isEmpty()) {
                return Optional.empty();
            }
            int port = Integer.parseInt(pid.get(3).trim());
            return Optional.of(new Running(port, "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME,
                    SUPERUSER, password.get()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
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
