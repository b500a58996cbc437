package io.guichet.db;

import io.guichet.core.port.Transactions;
import org.jooq.DSLContext;

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

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        Scope outer = current.get();
        if (outer != null) {
            return joining(outer, work);
        }
        return pool.transactionResult(configuration -> {
            Scope scope = new Scope(configuration.dsl());
            current.set(scope);
            try {
                T result = work.get();
                if (scope.nestedFailure != null) {
                    throw new IllegalStateException(
                            "transaction rolled back: a nested unit of work failed and its exception was caught",
                            scope.nestedFailure);
                }
                return result;
            } finally {
                current.remove();
            }
        });
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

        private Scope(DSLContext dsl) {
            this.dsl = dsl;
        }
    }
}
