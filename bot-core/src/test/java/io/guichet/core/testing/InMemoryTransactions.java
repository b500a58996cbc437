package io.guichet.core.testing;

import io.guichet.core.port.Transactions;
import io.guichet.core.port.Tx;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** Serialises work under one lock: enough isolation for the in-memory fakes (no rollback). */
public final class InMemoryTransactions implements Transactions {

    /** The one transaction the fakes know: they ignore it. */
    public static final Tx TX = new Tx() {
        @Override
        public String toString() {
            return "in-memory transaction";
        }
    };

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T inTransaction(Function<Tx, T> work) {
        lock.lock();
        try {
            return work.apply(TX);
        } finally {
            lock.unlock();
        }
    }
}
