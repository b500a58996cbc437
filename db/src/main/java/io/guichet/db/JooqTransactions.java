package io.guichet.db;

import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.Tx;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Transactions} on PostgreSQL through jOOQ. Each transaction is handed to its work as a {@link JooqSession}
 * (the {@link io.guichet.core.port.Tx}); repositories built on it ({@link #bind}) run their statements in it. Nothing
 * is bound to the calling thread: a transaction reaches whatever takes part in it by being passed. Outside any
 * transaction, repositories run on {@link #autoCommit()}.
 *
 * <p>Work that needs to join a transaction is given it; calling {@link #inTransaction} inside another opens a second,
 * independent transaction on another connection. Any exception thrown by the work rolls the transaction back and is
 * rethrown unchanged.
 *
 * <p>A transaction is one pooled connection with auto-commit off, committed or rolled back here: jOOQ's own
 * transaction provider reads the connection's isolation level first, which the PostgreSQL driver answers with a
 * round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}) on every transaction. The isolation is the server's
 * default (READ COMMITTED).
 */
public final class JooqTransactions implements Transactions {

    private final DSLContext pool;
    private final JooqSession autoCommit;

    /** Transactions on the connections of {@code pool}. */
    public JooqTransactions(DSLContext pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.autoCommit = new JooqSession(this, pool, false);
    }

    /** The pool's session: each statement commits on its own. For reads and single statements outside a unit of work. */
    public JooqSession autoCommit() {
        return autoCommit;
    }

    /** A repository per transaction: {@code view} builds it on the transaction's session. */
    public static <P> PerTransaction<P> bind(Function<JooqSession, P> view) {
        Objects.requireNonNull(view, "view");
        return tx -> view.apply(JooqSession.of(tx));
    }

    @Override
    public <T> T inTransaction(Function<Tx, T> work) {
        Objects.requireNonNull(work, "work");
        ConnectionProvider connections = pool.configuration().connectionProvider();
        Connection connection = connections.acquire();
        try {
            return inTransaction(connection, work);
        } finally {
            connections.release(connection);
        }
    }

    private <T> T inTransaction(Connection connection, Function<Tx, T> work) {
        JooqSession session = new JooqSession(this,
                pool.configuration().derive(new DefaultConnectionProvider(connection)).dsl(), true);
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            T result = work.apply(session);
            connection.commit();
            committed = true;
            session.committed();
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("transaction failed: " + e.getMessage(), e);
        } finally {
            end(connection, committed);
            session.ended();
        }
    }

    /** Rolls back what was not committed and gives the connection back in auto-commit. */
    private static void end(Connection connection, boolean committed) {
        try {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (committed) {
                throw new DataAccessException("could not restore auto-commit: " + e.getMessage(), e);
            }
            // the work's own exception is on its way; a broken connection is the pool's to discard
        }
    }
}
