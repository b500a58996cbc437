package io.guichet.core.testing;

import io.guichet.core.port.Transactions;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Serialises work under one lock: enough isolation for the in-memory fakes (no rollback). */
public final class InMemoryTransactions implements Transactions {

    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
