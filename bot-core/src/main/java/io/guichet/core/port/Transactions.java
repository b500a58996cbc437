package io.guichet.core.port;

import java.util.function.Supplier;

/**
 * Runs work in one transaction of the store behind the repositories. Every repository call made by {@code work}
 * on the calling thread joins that transaction; a nested call joins the outer one. The transaction commits when
 * {@code work} returns and rolls back when it throws.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
