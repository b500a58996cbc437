package io.guichet.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The customers every scenario needs: one covered account, {@code contacts} authorized contacts
 * ({@code user<i>@bench-corp.example}, a quarter certified, a few with an expired certification) and the product
 * versions the mails name. Plain SQL: the contacts are fixtures, not what is measured.
 */
final class Seed {

    static final String DOMAIN = "bench-corp.example";

    private Seed() {
    }

    static String contactEmail(int i) {
        return "user" + i + "@" + DOMAIN;
    }

    /** Certification of contact {@code i}: 25% valid, 5% expired, the rest never certified. */
    static LocalDate certifiedUntil(int i, LocalDate today) {
        int bucket = Math.floorMod(i * 7919, 100);
        if (bucket < 25) {
            return today.plusMonths(6);
        }
        if (bucket < 30) {
            return today.minusMonths(2);
        }
        return null;
    }

    /** Seeds the account, the contacts and the versions; returns the account id. Contact ids are 1..contacts. */
    static long customers(Connection c, int contacts) throws SQLException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        c.setAutoCommit(false);
        long account;
        try (PreparedStatement ps = c.prepareStatement("insert into accounts (name, coverage_ends_on, "
                + "account_manager_name, account_manager_email) values ('Bench Corp', ?, 'Marie Curie', "
                + "'marie.curie@guichet.bench') returning id")) {
            ps.setObject(1, today.plusYears(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                account = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("insert into contacts (account_id, name, email, language, "
                + "certified_until) values (?, ?, ?, 'en', ?)")) {
            for (int i = 1; i <= contacts; i++) {
                ps.setLong(1, account);
                ps.setString(2, "User " + i);
                ps.setString(3, contactEmail(i));
                ps.setObject(4, certifiedUntil(i, today));
                ps.addBatch();
                if (i % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("insert into product_versions (product, version, released_on, on_premise) values "
                    + "('VSA', '9.5', date '" + today.minusMonths(18) + "', true), "
                    + "('VSA', '10.0', date '" + today.minusMonths(6) + "', true)");
        }
        c.commit();
        c.setAutoCommit(true);
        return account;
    }
}
