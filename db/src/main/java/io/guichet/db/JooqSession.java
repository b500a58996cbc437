package io.guichet.db;

import io.guichet.core.port.Tx;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a repository runs its statements: one open transaction ({@link JooqTransactions#inTransaction} hands it to
 * its work as the {@link Tx}), or the pool in auto-commit ({@link JooqTransactions#autoCommit()}), each statement on
 * its own. A repository is built on a session and every statement it runs takes part in it; nothing is looked up from
 * the calling thread. A transaction's session refuses statements once the transaction has ended.
 */
public final class JooqSession implements Tx {

    private final JooqTransactions transactions;
    private final DSLContext dsl;
    private final boolean transaction;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> whenEnded = new ArrayList<>();
    private volatile boolean ended;

    JooqSession(JooqTransactions transactions, DSLContext dsl, boolean transaction) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.transaction = transaction;
    }

    /** The session {@code tx} is: a transaction opened by {@link JooqTransactions}. */
    public static JooqSession of(Tx tx) {
        if (tx instanceof JooqSession session) {
            return session;
        }
        throw new IllegalArgumentException("not a transaction of the database: " + tx);
    }

    /** The context to run statements on. */
    public DSLContext dsl() {
        if (ended) {
            throw new IllegalStateException("this transaction has ended: its statements can no longer run");
        }
        return dsl;
    }

    /** Whether statements run in one transaction (else each commits on its own). */
    public boolean isInTransaction() {
        return transaction;
    }

    /**
     * Runs {@code work} in one transaction: this one, or a new one when this session is the pool's. For a repository
     * call that must be atomic on its own (claim rows, then mark them).
     */
    public <T> T atomically(Function<JooqSession, T> work) {
        return transaction ? work.apply(this) : transactions.inTransaction(tx -> work.apply(of(tx)));
    }

    /**
     * Runs {@code action} once this transaction has committed (not if it rolls back); in auto-commit, at once. For what
     * must follow a change only once others can see it (a cache dropped).
     */
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (transaction) {
            afterCommit.add(action);
        } else {
            action.run();
        }
    }

    /**
     * Runs {@code action} once this transaction has ended, committed or rolled back; in auto-commit, at once. For what
     * a class keeps about a transaction while it is open.
     */
    public void whenEnded(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (transaction) {
            whenEnded.add(action);
        } else {
            action.run();
        }
    }

    void committed() {
        ended = true;
        afterCommit.forEach(Runnable::run);
    }

    void ended() {
        ended = true;
        whenEnded.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return transaction ? "database transaction" : "database auto-commit";
    }
}
