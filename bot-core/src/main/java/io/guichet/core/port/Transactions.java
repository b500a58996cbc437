package io.guichet.core.port;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs work in one transaction of the store behind the repositories. The work is handed the transaction ({@link Tx})
 * and takes part in it by passing it on: the repositories it reaches through {@link PerTransaction#in(Tx)} run their
 * statements in it, and a use case called with it joins it. The transaction commits when {@code work} returns and
 * rolls back when it throws. Nothing is bound to the calling thread.
 */
public interface Transactions {

    <T> T inTransaction(Function<Tx, T> work);

    default void run(Consumer<Tx> work) {
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }
}
