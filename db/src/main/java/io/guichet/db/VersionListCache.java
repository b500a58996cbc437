package io.guichet.db;

import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.VersionCatalog;
import io.guichet.core.version.ProductVersion;

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
import java.util.function.Function;

/**
 * The released versions (R20), read once per {@code ttl} instead of once per customer message: every new request
 * that names a version is judged against the whole list. A version added on this node drops the list at once (and
 * again when its transaction commits, so that a read racing the commit is not kept); a version added on another node
 * is seen here after at most {@code ttl}. The transaction that adds a version reads the catalogue itself until it
 * ends, so it sees its own addition. One cache serves the node; {@link #in} gives its view from one session.
 */
public final class VersionListCache {

    /** How long a read list is used: short, as other nodes' additions are seen only after it. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

    private final Function<JooqSession, VersionCatalog> catalogue;
    private final Duration ttl;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    /** The open transactions that added a version; they read the table. */
    private final Set<JooqSession> adding = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile Cached cached;

    /** {@code catalogue}: the table, as read from a session. */
    public VersionListCache(Function<JooqSession, VersionCatalog> catalogue, Duration ttl, Clock clock) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative: " + ttl);
        }
    }

    /** The catalogue as seen from {@code session}, through the cache. */
    public VersionCatalog in(JooqSession session) {
        return new View(session, catalogue.apply(session));
    }

    /** The catalogue as seen from each transaction, through the cache. */
    public PerTransaction<VersionCatalog> perTransaction() {
        return JooqTransactions.bind(this::in);
    }

    /** Drops the list: the next read goes to the database. */
    public void drop() {
        generation.incrementAndGet();
        cached = null;
    }

    private final class View implements VersionCatalog {

        private final JooqSession session;
        private final VersionCatalog table;

        private View(JooqSession session, VersionCatalog table) {
            this.session = session;
            this.table = table;
        }

        @Override
        public Optional<ProductVersion> add(ProductVersion version) {
            drop();
            if (session.isInTransaction() && adding.add(session)) {
                session.whenEnded(() -> adding.remove(session));
            }
            try {
                return table.add(version);
            } finally {
                drop();
                session.afterCommit(VersionListCache.this::drop);
            }
        }

        @Override
        public List<ProductVersion> all() {
            if (!adding.isEmpty() && adding.contains(session)) {
                return table.all();
            }
            Instant now = clock.instant();
            Cached held = cached;
            if (held != null && now.isBefore(held.until)) {
                return held.versions;
            }
            long before = generation.get();
            List<ProductVersion> read = List.copyOf(table.all());
            if (generation.get() == before) {
                cached = new Cached(read, now.plus(ttl));
            }
            return read;
        }
    }

    private record Cached(List<ProductVersion> versions, Instant until) {
    }
}
