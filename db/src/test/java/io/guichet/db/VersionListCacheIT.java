package io.guichet.db;

import io.guichet.core.testing.MutableClock;
import io.guichet.core.port.VersionCatalog;
import io.guichet.core.version.ProductVersion;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The version list kept between customer messages, on PostgreSQL: reused, dropped on change, bounded in age. */
class VersionListCacheIT {

    private static final ProductVersion V95 = new ProductVersion("VSA", "9.5", LocalDate.parse("2025-01-15"), true,
            Optional.empty());
    private static final ProductVersion V10 = new ProductVersion("VSA", "10.0", LocalDate.parse("2026-02-01"), true,
            Optional.empty());
    private static final ProductVersion V11 = new ProductVersion("VSA", "11.0", LocalDate.parse("2026-09-01"), true,
            Optional.empty());

    private TestDatabase database;
    private JooqTransactions tx;
    private JooqVersionCatalog otherNode;
    private MutableClock clock;
    private VersionListCache shared;
    private VersionCatalog cache;

    @BeforeEach
    void setUp() {
        database = TestDatabase.createMigrated();
        tx = database.database().transactions();
        otherNode = new JooqVersionCatalog(tx.autoCommit());
        clock = MutableClock.at("2026-10-01T09:00:00Z");
        shared = new VersionListCache(JooqVersionCatalog::new, Duration.ofSeconds(10), clock);
        cache = shared.in(tx.autoCommit());
        otherNode.add(V95);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    @DisplayName("R20: the version list is read once per ten seconds; another node's addition is seen after at most that")
    void reusedWithinItsAge() {
        assertThat(cache.all()).containsExactly(V95);
        otherNode.add(V10);

        assertThat(cache.all()).as("read again within 10 s: the kept list").containsExactly(V95);
        clock.advance(Duration.ofSeconds(9));
        assertThat(cache.all()).containsExactly(V95);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.all()).as("10 s old: read again").containsExactly(V95, V10);
    }

    @Test
    @DisplayName("R20: a version added on this node is judged against at once, in its own transaction and after it")
    void droppedOnChange() {
        assertThat(cache.all()).containsExactly(V95);

        List<ProductVersion> inside = tx.inTransaction(t -> {
            VersionCatalog adding = shared.in(JooqSession.of(t));
            assertThat(adding.add(V10)).contains(V10);
            return adding.all();
        });

        assertThat(inside).as("the adding transaction sees its addition").containsExactly(V95, V10);
        assertThat(cache.all()).as("committed: no stale list kept").containsExactly(V95, V10);
        assertThat(cache.add(V10)).as("recorded once per product").isEmpty();
    }

    @Test
    @DisplayName("R20: a version whose addition rolled back is never listed, though read inside the transaction")
    void rolledBackAdditionNotKept() {
        assertThat(cache.all()).containsExactly(V95);

        assertThatThrownBy(() -> tx.inTransaction(t -> {
            VersionCatalog adding = shared.in(JooqSession.of(t));
            adding.add(V11);
            assertThat(adding.all()).contains(V11);
            throw new IllegalStateException("refused later in the transaction");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.all()).containsExactly(V95);
        clock.advance(Duration.ofSeconds(11));
        assertThat(cache.all()).containsExactly(V95);
    }

    @Test
    @DisplayName("R20: a list read by another thread while an addition is uncommitted is dropped at the commit")
    void readRacingTheCommitIsDropped() throws Exception {
        tx.inTransaction(t -> {
            shared.in(JooqSession.of(t)).add(V11);
            Thread reader = Thread.ofPlatform().start(() -> assertThat(cache.all()).containsExactly(V95));
            try {
                reader.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });

        assertThat(cache.all()).containsExactly(V95, V11);
    }
}
