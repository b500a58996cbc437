package io.guichet.core.port;

import java.util.Objects;

/**
 * A port as seen from inside one transaction: {@link #in(Tx)} gives the port whose calls take part in {@code tx}.
 * A store on a database binds a fresh view per transaction; an in-memory store is {@link #same} for all.
 */
@FunctionalInterface
public interface PerTransaction<P> {

    P in(Tx tx);

    /** The same {@code port} in every transaction (a port with no transaction of its own: in memory, or a renderer). */
    static <P> PerTransaction<P> same(P port) {
        Objects.requireNonNull(port, "port");
        return tx -> port;
    }
}
