package io.guichet.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A logical backup of Guichet's database without {@code pg_dump}: every table of the schema (Quartz's included,
 * Flyway's history excepted) is written with {@code COPY ... TO STDOUT} in one repeatable-read transaction (a
 * consistent snapshot, taken while the database is in use), into one ZIP file with a manifest: the schema version,
 * the tables in the order their foreign keys need, their columns and row counts, and every sequence's value.
 * A restore loads it into an empty database whose schema is at the backup's version, with {@code COPY ... FROM
 * STDIN} in one transaction, and sets the sequences back.
 *
 * <p>Why not {@code pg_dump}: the embedded PostgreSQL ships {@code initdb}, {@code pg_ctl} and {@code postgres}
 * only, and a {@code pg_dump} older than the server refuses to dump it (Debian 12 packages version 15; the embedded
 * server is 18). The text format of {@code COPY} does not depend on the server's version.
 */
public final class LogicalBackup {

    /** The manifest's name in the ZIP file. */
    static final String MANIFEST = "guichet-backup.properties";
    private static final String FORMAT = "1";
    private static final Set<String> SKIPPED = Set.of("flyway_schema_history");

    private LogicalBackup() {
    }

    /** What a backup holds. */
    public record Manifest(String schemaVersion, Instant takenAt, List<Table> tables, Map<String, Long> sequences) {
        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    /** One table: its columns in the backup, and how many rows it had. */
    public record Table(String name, List<String> columns, long rows) {
    }

    /** What a restore did, or why it did nothing. */
    public sealed interface Restore {
        record Restored(Manifest manifest) implements Restore {
        }

        record Refused(String reason) implements Restore {
        }
    }

    /**
     * Writes a backup of {@code database} to {@code file} (replaced only once complete).
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static Manifest write(Database database, Path file) {
        String version = database.schemaVersion().orElseThrow(() ->
                new IllegalStateException("the database has no schema to back up: run 'guichet migrate' first"));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set transaction isolation level repeatable read, read only");
            }
            List<Table> tables = new ArrayList<>();
            Map<String, Long> sequences;
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                for (String table : tablesInOrder(connection)) {
                    List<String> columns = columns(connection, table);
                    zip.putNextEntry(new ZipEntry("data/" + table + ".copy"));
                    long rows = copy.copyOut("copy " + quote(table) + " (" + columnList(columns) + ") to stdout", zip);
                    zip.closeEntry();
                    tables.add(new Table(table, columns, rows));
                }
                sequences = sequences(connection);
                Manifest manifest = new Manifest(version, Instant.now(), tables, sequences);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifestText(manifest).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                connection.commit();
                zip.finish();
                out.flush();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return manifest;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("the backup could not be read from the database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // left behind; the next backup replaces it
            }
        }
    }

    /** The manifest of a backup file, or why it is not one. */
    public static Optional<Manifest> manifest(Path file, List<String> problems) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(MANIFEST);
            if (entry == null) {
                problems.add(file + " is not a Guichet backup (no " + MANIFEST + " inside).");
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (InputStream in = zip.getInputStream(entry)) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            if (!FORMAT.equals(properties.getProperty("format"))) {
                problems.add(file + " is a backup of format " + properties.getProperty("format")
                        + ", which this version of Guichet does not read.");
                return Optional.empty();
            }
            List<Table> tables = new ArrayList<>();
            for (String name : properties.getProperty("tables", "").split(",")) {
                if (!name.isBlank()) {
                    tables.add(new Table(name, Arrays.asList(properties.getProperty("table." + name + ".columns").split(",")),
                            Long.parseLong(properties.getProperty("table." + name + ".rows"))));
                }
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().filter(k -> k.startsWith("sequence.")).sorted()
                    .forEach(k -> sequences.put(k.substring("sequence.".length()), Long.parseLong(properties.getProperty(k))));
            return Optional.of(new Manifest(properties.getProperty("schemaVersion"),
                    Instant.parse(properties.getProperty("takenAt")), tables, sequences));
        } catch (java.util.zip.ZipException e) {
            problems.add(file + " is not a Guichet backup (not a ZIP file).");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            problems.add(file + " cannot be read as a Guichet backup (" + e.getMessage() + ").");
            return Optional.empty();
        }
    }

    /**
     * Loads the backup in {@code file} into {@code database}, whose schema must be at the backup's version and whose
     * tables must all be empty; all or nothing.
     */
    public static Restore restore(Database database, Path file) {
        List<String> problems = new ArrayList<>();
        Optional<Manifest> read = manifest(file, problems);
        if (read.isEmpty()) {
            return new Restore.Refused(problems.getFirst());
        }
        Manifest manifest = read.get();
        Optional<String> version = database.schemaVersion();
        if (!version.equals(Optional.of(manifest.schemaVersion()))) {
            return new Restore.Refused("the database's schema is at version " + version.orElse("(none)")
                    + " but the backup was taken at version " + manifest.schemaVersion()
                    + ": restore into a fresh data directory or an empty database.");
        }
        try (ZipFile zip = new ZipFile(file.toFile()); Connection connection = database.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<String> notEmpty = firstNonEmpty(connection, manifest.tables());
                if (notEmpty.isPresent()) {
                    connection.rollback();
                    return new Restore.Refused("table " + notEmpty.get() + " already holds data: a backup is restored"
                            + " into a fresh data directory or an empty database only.");
                }
                try (Statement statement = connection.createStatement()) {
                    // rows are loaded table by table: foreign keys are checked by the order, and not row by row
                    // where the server allows it (the embedded server's superuser does)
                    statement.execute("set local session_replication_role = replica");
                } catch (SQLException e) {
                    connection.rollback();
                    connection.setAutoCommit(false);
                }
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                for (Table table : manifest.tables()) {
                    ZipEntry entry = zip.getEntry("data/" + table.name() + ".copy");
                    if (entry == null) {
                        connection.rollback();
                        return new Restore.Refused(file + " lacks the data of table " + table.name() + ".");
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        long rows = copy.copyIn("copy " + quote(table.name()) + " (" + columnList(table.columns())
                                + ") from stdin", in);
                        if (rows != table.rows()) {
                            connection.rollback();
                            return new Restore.Refused("table " + table.name() + ": " + rows + " rows loaded, "
                                    + table.rows() + " expected; nothing was restored.");
                        }
                    }
                }
                for (Map.Entry<String, Long> sequence : manifest.sequences().entrySet()) {
                    try (PreparedStatement setval = connection.prepareStatement("select setval(?::regclass, ?, true)")) {
                        setval.setString(1, quote(sequence.getKey()));
                        setval.setLong(2, sequence.getValue());
                        setval.execute();
                    }
                }
                connection.commit();
                return new Restore.Restored(manifest);
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("the backup could not be loaded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every table of the current schema, a referenced table before the tables referencing it. */
    private static List<String> tablesInOrder(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select c.relname from pg_class c join pg_namespace n"
                     + " on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind in ('r', 'p')"
                     + " order by c.relname")) {
            while (rows.next()) {
                if (!SKIPPED.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        Map<String, Set<String>> references = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select c.conrelid::regclass::text, c.confrelid::regclass::text"
                     + " from pg_constraint c join pg_namespace n on n.oid = c.connamespace"
                     + " where c.contype = 'f' and n.nspname = current_schema()")) {
            while (rows.next()) {
                String from = unquote(rows.getString(1));
                String to = unquote(rows.getString(2));
                if (!from.equals(to)) {
                    references.computeIfAbsent(from, t -> new LinkedHashSet<>()).add(to);
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (ordered.size() < tables.size()) {
            boolean progress = false;
            for (String table : tables) {
                if (!placed.contains(table) && placed.containsAll(references.getOrDefault(table, Set.of()).stream()
                        .filter(tables::contains).toList())) {
                    ordered.add(table);
                    placed.add(table);
                    progress = true;
                }
            }
            if (!progress) {
                tables.stream().filter(t -> !placed.contains(t)).forEach(ordered::add);
                break;
            }
        }
        return ordered;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select column_name from information_schema.columns"
                + " where table_schema = current_schema() and table_name = ? and is_generated = 'NEVER'"
                + " order by ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    private static Map<String, Long> sequences(Connection connection) throws SQLException {
        Map<String, Long> sequences = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select sequencename, last_value from pg_sequences"
                     + " where schemaname = current_schema() and last_value is not null order by sequencename")) {
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sequences;
    }

    private static Optional<String> firstNonEmpty(Connection connection, List<Table> tables) throws SQLException {
        for (Table table : tables) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select exists (select 1 from " + quote(table.name()) + ")")) {
                rows.next();
                if (rows.getBoolean(1)) {
                    return Optional.of(table.name());
                }
            }
        }
        return Optional.empty();
    }

    private static String manifestText(Manifest manifest) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("format", FORMAT);
        properties.setProperty("schemaVersion", manifest.schemaVersion());
        properties.setProperty("takenAt", manifest.takenAt().toString());
        properties.setProperty("tables", String.join(",", manifest.tables().stream().map(Table::name).toList()));
        for (Table table : manifest.tables()) {
            properties.setProperty("table." + table.name() + ".columns", String.join(",", table.columns()));
            properties.setProperty("table." + table.name() + ".rows", Long.toString(table.rows()));
        }
        manifest.sequences().forEach((name, value) -> properties.setProperty("sequence." + name, Long.toString(value)));
        StringWriter text = new StringWriter();
        properties.store(text, "Guichet backup: the tables in restore order, their columns and rows, the sequences");
        return text.toString();
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(LogicalBackup::quote).toList());
    }

    /** A name as an SQL identifier (names come from the catalog, never from input). */
    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String unquote(String name) {
        String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
        return bare.startsWith("\"") ? bare.substring(1, bare.length() - 1).replace("\"\"", "\"") : bare;
    }
}
