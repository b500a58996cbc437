package io.guichet.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements the node sent, counted by the server ({@code pg_stat_statements}): reset just before the node
 * starts, read when the scenario's work is done. The bench's own statements (its progress query, this class's) are
 * set aside by their text; the node's periodic work while it runs (the scheduler's sweeps, the outboxes' polls) is
 * counted with the rest, as it is part of what the node costs.
 */
final class StatementCount {

    /** Statements whose text the bench sends itself, not the node. */
    private static final List<String> BENCH_OWN = List.of("select (select count(*) from inbound_receipts)",
            "select disposition, count(*)", "pg_stat_statements");

    private final BenchDatabase db;

    private StatementCount(BenchDatabase db) {
        this.db = db;
    }

    /** Creates the extension if needed and resets its counters; a clear message when the server did not load it. */
    static StatementCount reset(BenchDatabase db) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("select pg_stat_statements_reset()");
        } catch (SQLException e) {
            throw new IllegalStateException("--statements needs pg_stat_statements loaded by the server "
                    + "(shared_preload_libraries = 'pg_stat_statements'; the embedded PostgreSQL loads it itself): "
                    + e.getMessage(), e);
        }
        return new StatementCount(db);
    }

    record Row(long calls, double executionMs, String query) {
    }

    /** The statements counted since the reset, most called first, the bench's own set aside. */
    List<Row> read() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select calls, total_exec_time, query from pg_stat_statements "
                     + "where dbid = (select oid from pg_database where datname = current_database()) "
                     + "order by calls desc, query")) {
            while (rs.next()) {
                String query = rs.getString(3);
                if (BENCH_OWN.stream().noneMatch(own -> query.toLowerCase(java.util.Locale.ROOT).contains(own))) {
                    rows.add(new Row(rs.getLong(1), rs.getDouble(2), query));
                }
            }
        }
        return rows;
    }

    /** Prints each statement's calls per mail (those of at least one mail in 200) and the total; returns the total. */
    double print(PrintWriter out, long mails) throws SQLException {
        List<Row> rows = read();
        long calls = rows.stream().mapToLong(Row::calls).sum();
        double ms = rows.stream().mapToDouble(Row::executionMs).sum();
        out.printf("statements: %d in all for %d mails, %.2f per mail, %.2f ms of server execution per mail%n", calls,
                mails, (double) calls / mails, ms / mails);
        out.println("  per mail  exec ms/mail  statement");
        for (Row row : rows) {
            double perMail = (double) row.calls / mails;
            if (perMail >= 0.005) {
                String text = row.query.replaceAll("\\s+", " ").strip();
                out.printf("  %8.2f  %12.3f  %s%n", perMail, row.executionMs / mails,
                        text.length() > 150 ? text.substring(0, 147) + "..." : text);
            }
        }
        out.flush();
        return (double) calls / mails;
    }
}
