package io.guichet.db;

import io.guichet.core.mail.MailboxLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link MailboxLock} as PostgreSQL session advisory locks, all held by one connection of this node (its lock
 * session) kept open for as long as the node reads mail. When the node dies, or its session is ended (process killed,
 * network cut noticed by the server, {@code pg_terminate_backend}), every lock of the session is released at once and
 * the other nodes take the mailboxes.
 *
 * <p>The session also holds a presence lock: the number of presence locks granted in this database is the number of
 * live nodes. With {@code mailboxes} configured on every node, a node holds at most its share,
 * {@code ceil(mailboxes / live nodes)}: it takes no mailbox beyond it, and gives back what it holds beyond it (when a
 * node joins) at its next {@link #stillHeld} of that mailbox. As every node's share together covers all mailboxes,
 * every mailbox finds a reader; a node alone reads them all.
 */
public final class PostgresMailboxLock implements MailboxLock, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresMailboxLock.class);
    /** The first key of every Guichet mailbox lock: keeps them apart from other advisory locks. */
    private static final int LOCK_CLASS = 0x47554943; // "GUIC"
    /** The first key of the presence lock of a node reading mail. */
    private static final int NODE_CLASS = 0x4755494E; // "GUIN"

    private final DataSource dataSource;
    private final int mailboxes;
    private final int nodeKey = ThreadLocalRandom.current().nextInt();
    private final Set<String> held = new LinkedHashSet<>();
    private Connection session;
    private int sessionPid;

    /** No share: takes any mailbox that is free (one mailbox, or tests of the lock alone). */
    public PostgresMailboxLock(DataSource dataSource) {
        this(dataSource, 0);
    }

    /**
     * @param mailboxes the mailboxes every node is configured with: this node holds at most
     *                  {@code ceil(mailboxes / live nodes)} of them (0: no limit)
     */
    public PostgresMailboxLock(DataSource dataSource, int mailboxes) {
        if (mailboxes < 0) {
            throw new IllegalArgumentException("mailboxes must not be negative, was " + mailboxes);
        }
        this.dataSource = dataSource;
        this.mailboxes = mailboxes;
    }

    @Override
    public synchronized boolean tryAcquire(String mailbox) {
        if (!sessionAlive() && !openSession()) {
            return false;
        }
        if (held.contains(mailbox)) {
            return true;
        }
        try {
            if (mailboxes > 0 && held.size() >= share()) {
                return false;
            }
            try (PreparedStatement statement = session.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                statement.setInt(1, LOCK_CLASS);
                statement.setString(2, mailbox);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        held.add(mailbox);
                        return true;
                    }
                    return false;
                }
            }
        } catch (SQLException e) {
            LOG.warn("could not take the lock of mailbox {}: {}", mailbox, e.getMessage());
            return false;
        }
    }

    @Override
    public synchronized boolean stillHeld(String mailbox) {
        if (!held.contains(mailbox) || !sessionAlive()) {
            return false;
        }
        if (mailboxes > 0) {
            try {
                int share = share();
                if (held.size() > share) {
                    LOG.info("mailbox {}: handed over to another node (this node holds {}, its share is {})",
                            mailbox, held.size(), share);
                    release(mailbox);
                    return false;
                }
            } catch (SQLException e) {
                LOG.warn("could not count the live nodes: {}", e.getMessage());
            }
        }
        return true;
    }

    @Override
    public synchronized void release(String mailbox) {
        if (!held.remove(mailbox) || session == null) {
            return;
        }
        try (PreparedStatement statement = session.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            statement.setInt(1, LOCK_CLASS);
            statement.setString(2, mailbox);
            statement.execute();
        } catch (SQLException e) {
            LOG.warn("could not release the lock of mailbox {} cleanly: {}", mailbox, e.getMessage());
        }
    }

    /**
     * The nodes reading mail on this database now: those whose lock session is open. A session ended by the server
     * counts no more as soon as it is gone.
     */
    public synchronized int liveNodes() throws SQLException {
        if (!sessionAlive() && !openSession()) {
            throw new SQLException("no lock session");
        }
        return countNodes();
    }

    /** The process id of this node's lock session on the server, while it is open. */
    public synchronized OptionalInt sessionPid() {
        return session == null ? OptionalInt.empty() : OptionalInt.of(sessionPid);
    }

    /** Ends the lock session: every mailbox lock of this node and its presence are released. */
    @Override
    public synchronized void close() {
        held.clear();
        closeSession();
    }

    private int share() throws SQLException {
        int nodes = Math.max(1, countNodes());
        return (mailboxes + nodes - 1) / nodes;
    }

    private int countNodes() throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select count(distinct objid) from pg_locks"
                + " where locktype = 'advisory' and classid = ?::oid and objsubid = 2 and granted"
                + " and database = (select oid from pg_database where datname = current_database())")) {
            statement.setLong(1, NODE_CLASS);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private boolean sessionAlive() {
        if (session == null) {
            return false;
        }
        try {
            if (session.isValid(2)) {
                return true;
            }
        } catch (SQLException e) {
            LOG.debug("checking the lock session failed", e);
        }
        if (!held.isEmpty()) {
            LOG.warn("the lock session ended: mailboxes {} are free for any node", held);
        }
        held.clear();
        closeSession();
        return false;
    }

    private boolean openSession() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pg_try_advisory_lock(?, ?), pg_backend_pid()")) {
                statement.setInt(1, NODE_CLASS);
                statement.setInt(2, nodeKey);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    sessionPid = rs.getInt(2);
                }
            }
            session = connection;
            return true;
        } catch (SQLException e) {
            LOG.warn("could not open the mailbox lock session: {}", e.getMessage());
            closeQuietly(connection);
            return false;
        }
    }

    /** Releases every advisory lock of the session before its connection goes back to the pool. */
    private void closeSession() {
        if (session != null) {
            try (PreparedStatement statement = session.prepareStatement("select pg_advisory_unlock_all()")) {
                statement.execute();
            } catch (SQLException e) {
                LOG.debug("the lock session is gone already: {}", e.getMessage());
            }
        }
        closeQuietly(session);
        session = null;
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
