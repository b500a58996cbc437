package io.guichet.db;

import io.guichet.core.mail.MailboxLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MailboxLock} as a PostgreSQL session advisory lock: held by a connection kept open for as long as this
 * node reads the mailbox. When the node dies its session ends, the lock is released, and another node takes it.
 */
public final class PostgresMailboxLock implements MailboxLock {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresMailboxLock.class);
    /** The first key of every Guichet mailbox lock: keeps them apart from other advisory locks. */
    private static final int LOCK_CLASS = 0x47554943; // "GUIC"

    private final DataSource dataSource;
    private final Map<String, Connection> held = new ConcurrentHashMap<>();

    public PostgresMailboxLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized boolean tryAcquire(String mailbox) {
        if (stillHeld(mailbox)) {
            return true;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pg_try_advisory_lock(?, hashtext(?))")) {
                statement.setInt(1, LOCK_CLASS);
                statement.setString(2, mailbox);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        held.put(mailbox, connection);
                        return true;
                    }
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            LOG.warn("could not take the lock of mailbox {}: {}", mailbox, e.getMessage());
            closeQuietly(connection);
            return false;
        }
    }

    @Override
    public boolean stillHeld(String mailbox) {
        Connection connection = held.get(mailbox);
        if (connection == null) {
            return false;
        }
        try {
            if (connection.isValid(2)) {
                return true;
            }
        } catch (SQLException e) {
            LOG.warn("lost the lock of mailbox {}: {}", mailbox, e.getMessage());
        }
        held.remove(mailbox);
        closeQuietly(connection);
        return false;
    }

    @Override
    public synchronized void release(String mailbox) {
        Connection connection = held.remove(mailbox);
        if (connection == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setString(2, mailbox);
            statement.execute();
        } catch (SQLException e) {
            LOG.warn("could not release the lock of mailbox {} cleanly: {}", mailbox, e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a lock connection failed", e);
        }
    }
}
