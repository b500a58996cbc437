package io.guichet.bench;

import io.guichet.db.Database;
import io.guichet.db.EmbeddedPostgresServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The database a scenario runs on: a fresh embedded PostgreSQL in a temporary directory, durable (fsync and
 * synchronous_commit on, as {@code guichet run} starts it), migrated; or an external one given by URL.
 */
final class BenchDatabase implements AutoCloseable {

    private final Optional<EmbeddedPostgresServer> server;
    private final Database database;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Optional<Path> directory;

    private BenchDatabase(Optional<EmbeddedPostgresServer> server, Database database, String jdbcUrl, String user,
                          String password, Optional<Path> directory) {
        this.server = server;
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.directory = directory;
    }

    static BenchDatabase start(Optional<String> externalUrl, int poolSize, PrintWriter out) throws IOException {
        return start(externalUrl, poolSize, false, out);
    }

    /**
     * @param statements whether to track statements with {@code pg_stat_statements} (see {@link StatementCount}): the
     *                   embedded server loads it; an external one must have it in {@code shared_preload_libraries}
     */
    static BenchDatabase start(Optional<String> externalUrl, int poolSize, boolean statements, PrintWriter out)
            throws IOException {
        if (externalUrl.isPresent()) {
            Database database = Database.connect(externalUrl.get(), "", "", poolSize);
            database.migrate();
            BenchDatabase db = new BenchDatabase(Optional.empty(), database, externalUrl.get(), "", "", Optional.empty());
            db.describe(out);
            return db;
        }
        Path dir = Files.createTempDirectory("guichet-bench-");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pgdata"), true, 0, statements
                ? Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track_utility", "on",
                        "pg_stat_statements.max", "5000")
                : Map.of());
        Database database = Database.connect(server.jdbcUrl(), server.user(), server.password(), poolSize);
        database.migrate();
        BenchDatabase db = new BenchDatabase(Optional.of(server), database, server.jdbcUrl(), server.user(),
                server.password(), Optional.of(dir));
        db.describe(out);
        return db;
    }

    Database database() {
        return database;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user and password a node in another process connects with (empty for an external database's URL). */
    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Connection connection() throws SQLException {
        return database.dataSource().getConnection();
    }

    private void describe(PrintWriter out) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            StringBuilder line = new StringBuilder("database: ")
                    .append(server.isPresent() ? "embedded PostgreSQL (fresh, temporary directory)" : "external");
            try (ResultSet rs = s.executeQuery("select version()")) {
                rs.next();
                line.append(", ").append(rs.getString(1).split(",")[0]);
            }
            for (String setting : new String[] {"fsync", "synchronous_commit", "shared_buffers", "work_mem"}) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    rs.next();
                    line.append(", ").append(setting).append('=').append(rs.getString(1));
                }
            }
            out.println(line);
            out.flush();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
        server.ifPresent(EmbeddedPostgresServer::close);
        directory.ifPresent(BenchDatabase::delete);
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temporary
        }
    }
}
