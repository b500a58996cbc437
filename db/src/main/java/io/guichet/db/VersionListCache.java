package io.guichet.db;

import io.guichet.core.port.VersionCatalog;
import io.guichet.core.version.ProductVersion;
import org.jooq.DSLContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The released versions (R20), read once per {@code ttl} instead of once per customer message: every new request
 * that names a version is judged against the whole list. A version added on this node drops the list at once (and
 * again when its transaction commits, so that a read racing the commit is not kept); a version added on another node
 * is seen here after at most {@code ttl}. The transaction that adds a version reads the catalogue itself until it
 * ends, so it sees its own addition.
 */
public final class VersionListCache implements VersionCatalog {

    /** How long a read list is used: short, as other nodes' additions are seen only after it. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    private final VersionCatalog catalogue;
    private final JooqTransactions transactions;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    /** The open transactions that added a version (each is one thread's, by its context); they read the table. */
    private final Set<DSLContext> adding = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile Cached cached;

    public VersionListCache(VersionCatalog catalogue, JooqTransactions transactions, Duration ttl, Clock clock) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
    }

    @Override
    public Optional<ProductVersion> add(ProductVersion version) {
        drop();
        if (transactions.isInTransaction()) {
            DSLContext transaction = transactions.dsl();
            if (adding.add(transaction)) {
                transactions.whenEnded(() -> adding.remove(transaction));
            }
        }
        try {
            return catalogue.add(version);
        } finally {
            drop();
            transactions.afterCommit(this::drop);
        }
    }

    @Override
    public List<ProductVersion> all() {
        if (insideOwnAddition()) {
            return catalogue.all();
        }
        Instant now = clock.instant();
        Cached held = cached;
        if (held != null && now.isBefore(held.until)) {
            return held.versions;
        }
        long before = generation.get();
        List<ProductVersion> read = List.copyOf(catalogue.all());
        if (generation.get() == before) {
            cached = new Cached(read, now.plus(ttl));
        }
        return read;
    }

    /** Drops the list: the next read goes to the database. */
    public void drop() {
        generation.incrementAndGet();
        cached = null;
    }

    private boolean insideOwnAddition() {
        return !adding.isEmpty() && transactions.isInTransaction() && adding.contains(transactions.dsl());
    }

    private record Cached(List<ProductVersion> versions, Instant until) {
    }
}
