package io.guichet.core.port;

/**
 * One open transaction, as {@link Transactions#inTransaction} hands it to its work. Opaque to the core: it is passed,
 * never looked into, and reaches the repositories through {@link PerTransaction}. Nothing binds a transaction to a
 * thread: whatever takes part in one is given it.
 */
public interface Tx {
}
