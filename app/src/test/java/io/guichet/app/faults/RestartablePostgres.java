package io.guichet.app.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An embedded PostgreSQL of the fault suite's own, on a fixed port and data directory, so that it can be stopped
 * and started again under a running node (a database restart: the node's connections are cut, new ones are refused
 * until it is back, then the same database answers on the same address).
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /** A new server in {@code dataDirectory} (created by initdb), on a free port of loopback. */
    static RestartablePostgres start(Path dataDirectory) {
        RestartablePostgres postgres = new RestartablePostgres(dataDirectory, freePort());
        postgres.startServer();
        return postgres;
    }

    /** The JDBC URL of the {@code postgres} database, user {@code postgres}, no password (trust on loopback). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** Stops the server (fast shutdown: sessions are ended, as in a crash of the clients' side). */
    synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stop the test PostgreSQL", e);
            }
            server = null;
        }
    }

    /** Starts the server again on the same port and data directory. */
    synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // initdb on first start only; kept across restarts
                    .setPort(port)
                    .setServerConfig("max_connections", "100")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL on port " + port, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
