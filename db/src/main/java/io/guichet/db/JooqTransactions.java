package io.guichet.db;

import io.guichet.core.port.Transactions;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Transactions} on PostgreSQL through jOOQ, bound to the calling thread. Repositories take this object and
 * run every statement on {@link #dsl()}: inside {@link #inTransaction} that is the transaction's context, outside
 * it is the pool's (auto-commit).
 *
 * <p>A nested call joins the outer transaction; no savepoint is taken. If a nested call throws and the outer work
 * catches the exception and returns normally, the transaction is rolled back all the same and the outer call
 * throws an {@link IllegalStateException} whose cause is the nested failure: half of a unit of work is never
 * committed. Any exception thrown by the work rolls the transaction back and is rethrown unchanged.
 *
 * <p>A transaction is one pooled connection with auto-commit off, committed or rolled back here: jOOQ's own
 * transaction provider reads the connection's isolation level first, which the PostgreSQL driver answers with a
 * round trip ({@code SHOW TRANSACTION ISOLATION LEVEL}) on every transaction. The isolation is the server's
 * default (READ COMMITTED).
 */
public final class JooqTransactions implements Transactions {

    private final DSLContext pool;
    private final ThreadLocal<Scope> current = new ThreadLocal<>();

    /** Transactions on the connections of {@code pool}. */
    public JooqTransactions(DSLContext pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The context to run statements on: the current thread's transaction if there is one, else the pool's. */
    public DSLContext dsl() {
        Scope scope = current.get();
        return scope == null ? pool : scope.dsl;
    }

    /** Whether the calling thread is inside {@link #inTransaction}. */
    public boolean isInTransaction() {
        return current.get() != null;
    }

    /**
     * Runs {@code action} once the calling thread's transaction has committed (not if it rolls back); outside a
     * transaction, at once. For what must follow a change only once others can see it (a cache dropped).
     */
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        Scope scope = current.get();
        if (scope == null) {
            action.run();
        } else {
            scope.afterCommit.add(action);
        }
    }

    /**
     * Runs {@code action} once the calling thread's transaction has ended, committed or rolled back; outside a
     * transaction, at once. For what a class keeps about a transaction while it is open.
     */
    public void whenEnded(Runnable action) {
        Objects.requireNonNull(action, "action");
        Scope scope = current.get();
        if (scope == null) {
            action.run();
        } else {
            scope.whenEnded.add(action);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        Scope outer = current.get();
        if (outer != null) {
            return joining(outer, work);
        }
        ConnectionProvider connections = pool.configuration().connectionProvider();
        Connection connection = connections.acquire();
        try {
            return inTransaction(connection, work);
        } finally {
            connections.release(connection);
        }
    }

    private <T> T inTransaction(Connection connection, Supplier<T> work) {
        Scope scope = new Scope(pool.configuration().derive(new DefaultConnectionProvider(connection)).dsl());
        boolean committed = false;
        try {
            connection.setAutoCommit(false);
            current.set(scope);
            T result = work.get();
            if (scope.nestedFailure != null) {
                throw new IllegalStateException(
                        "transaction rolled back: a nested unit of work failed and its exception was caught",
                        scope.nestedFailure);
            }
            connection.commit();
            committed = true;
            current.remove();
            scope.afterCommit.forEach(Runnable::run);
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("transaction failed: " + e.getMessage(), e);
        } finally {
            current.remove();
            end(connection, committed);
            scope.whenEnded.forEach(Runnable::run);
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

    private static <T> T joining(Scope outer, Supplier<T> work) {
        try {
            return work.get();
        } catch (Throwable failure) {
            if (outer.nestedFailure == null) {
                outer.nestedFailure = failure;
            }
            throw failure;
        }
    }

    /** The transaction bound to a thread. Only that thread touches it. */
    private static final class Scope {
        private final DSLContext dsl;
        private Throwable nestedFailure;
        private final java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();
        private final java.util.List<Runnable> whenEnded = new java.util.ArrayList<>();

        private Scope(DSLContext dsl) {
            this.dsl = dsl;
        }
    }
}
