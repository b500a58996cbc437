package io.guichet.db;

import io.guichet.db.testing.PostgresExtension;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicLong;

import static io.guichet.db.jooq.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.field;

@ExtendWith(PostgresExtension.class)
class JooqTransactionsIT {

    private static final Field<Long> TRANSACTION_ID = field("txid_current()", Long.class);

    private Database database;
    private JooqTransactions transactions;

    @BeforeEach
    void setUp(Database database) {
        this.database = database;
        this.transactions = database.transactions();
    }

    @Test
    void work_is_committed_when_it_returns_and_invisible_to_others_until_then() {
        int seenByOthersDuringWork = transactions.inTransaction(tx -> {
            SampleData.account(JooqSession.of(tx).dsl(), "Acme");
            return otherConnectionCount();
        });

        assertThat(seenByOthersDuringWork).isZero();
        assertThat(otherConnectionCount()).isEqualTo(1);
    }

    @Test
    void work_is_rolled_back_when_it_throws_and_the_exception_is_rethrown_unchanged() {
        IllegalArgumentException failure = new IllegalArgumentException("boom");

        Throwable thrown = catchThrowable(() -> transactions.run(tx -> {
            SampleData.account(JooqSession.of(tx).dsl(), "Acme");
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(otherConnectionCount()).isZero();
    }

    @Test
    void after_commit_actions_run_once_committed_and_never_after_a_rollback_when_ended_ones_run_either_way() {
        java.util.List<String> ran = new java.util.ArrayList<>();

        transactions.run(tx -> {
            JooqSession session = JooqSession.of(tx);
            SampleData.account(session.dsl(), "Acme");
            session.afterCommit(() -> ran.add("committed, visible: " + otherConnectionCount()));
            ran.add("work done");
        });
        catchThrowable(() -> transactions.run(tx -> {
            JooqSession.of(tx).afterCommit(() -> ran.add("after a rollback"));
            throw new IllegalStateException("boom");
        }));
        transactions.autoCommit().afterCommit(() -> ran.add("no transaction: at once"));
        catchThrowable(() -> transactions.run(tx -> {
            JooqSession session = JooqSession.of(tx);
            session.whenEnded(() -> ran.add("ended, rolled back: " + otherConnectionCount()));
            SampleData.account(session.dsl(), "Globex");
            throw new IllegalStateException("boom");
        }));

        assertThat(ran).containsExactly("work done", "committed, visible: 1", "no transaction: at once",
                "ended, rolled back: 1");
    }

    @Test
    void an_error_also_rolls_back_and_is_rethrown_unchanged() {
        AssertionError failure = new AssertionError("bug");

        Throwable thrown = catchThrowable(() -> transactions.run(tx -> {
            SampleData.account(JooqSession.of(tx).dsl(), "Acme");
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(otherConnectionCount()).isZero();
    }

    @Test
    void work_given_the_transaction_joins_it() {
        AtomicLong innerTransaction = new AtomicLong();
        AtomicLong innerSawOuterRow = new AtomicLong();

        long outerTransaction = transactions.inTransaction(tx -> {
            SampleData.account(JooqSession.of(tx).dsl(), "Outer");
            joined(tx, innerTransaction, innerSawOuterRow);
            assertThat(otherConnectionCount()).as("joined work is not committed on its own").isZero();
            return JooqSession.of(tx).dsl().fetchValue(TRANSACTION_ID);
        });

        assertThat(innerTransaction.get()).isEqualTo(outerTransaction);
        assertThat(innerSawOuterRow.get()).isEqualTo(1);
        assertThat(otherConnectionCount()).isEqualTo(2);
    }

    @Test
    void a_transaction_opened_inside_another_is_its_own() {
        AtomicLong inner = new AtomicLong();

        long outer = transactions.inTransaction(tx -> {
            SampleData.account(JooqSession.of(tx).dsl(), "Outer");
            transactions.run(other -> {
                inner.set(JooqSession.of(other).dsl().fetchValue(TRANSACTION_ID));
                SampleData.account(JooqSession.of(other).dsl(), "Inner");
            });
            assertThat(otherConnectionCount()).as("the inner transaction committed on its own").isEqualTo(1);
            return JooqSession.of(tx).dsl().fetchValue(TRANSACTION_ID);
        });

        assertThat(inner.get()).isNotEqualTo(outer);
        assertThat(otherConnectionCount()).isEqualTo(2);
    }

    @Test
    void outside_a_transaction_each_statement_commits_on_its_own() {
        JooqSession auto = transactions.autoCommit();
        assertThat(auto.isInTransaction()).isFalse();
        long first = auto.dsl().fetchValue(TRANSACTION_ID);
        long second = auto.dsl().fetchValue(TRANSACTION_ID);

        assertThat(second).isNotEqualTo(first);
        boolean inside = transactions.inTransaction(tx -> JooqSession.of(tx).isInTransaction());
        assertThat(inside).isTrue();
    }

    @Test
    void atomically_joins_a_transaction_and_opens_one_in_auto_commit() {
        long[] ids = new long[3];
        transactions.run(tx -> {
            JooqSession session = JooqSession.of(tx);
            ids[0] = session.dsl().fetchValue(TRANSACTION_ID);
            ids[1] = session.atomically(s -> s.dsl().fetchValue(TRANSACTION_ID));
        });
        ids[2] = transactions.autoCommit().atomically(s -> {
            SampleData.account(s.dsl(), "Acme");
            assertThat(s.isInTransaction()).isTrue();
            assertThat(otherConnectionCount()).as("not committed before the work returns").isZero();
            return s.dsl().fetchValue(TRANSACTION_ID);
        });

        assertThat(ids[1]).isEqualTo(ids[0]);
        assertThat(ids[2]).isNotEqualTo(ids[0]);
        assertThat(otherConnectionCount()).isEqualTo(1);
    }

    @Test
    void a_transaction_kept_after_it_ended_runs_nothing() {
        JooqSession kept = transactions.inTransaction(JooqSession::of);

        assertThatThrownBy(() -> kept.dsl()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ended");
    }

    @Test
    void a_transaction_is_seen_from_another_thread_only_when_given_to_it(DSLContext pool) {
        int[] seen = new int[2];
        transactions.run(tx -> {
            JooqSession session = JooqSession.of(tx);
            SampleData.account(session.dsl(), "Acme");
            Thread given = Thread.ofPlatform().start(() -> seen[0] = session.dsl().fetchCount(ACCOUNTS));
            joinUninterruptibly(given);
            Thread other = Thread.ofPlatform().start(() -> seen[1] = transactions.autoCommit().dsl().fetchCount(ACCOUNTS));
            joinUninterruptibly(other);
        });

        assertThat(seen[0]).as("given the transaction").isEqualTo(1);
        assertThat(seen[1]).as("on its own").isZero();
        assertThat(pool.fetchCount(ACCOUNTS)).isEqualTo(1);
    }

    private void joined(io.guichet.core.port.Tx tx, AtomicLong transaction, AtomicLong sawOuterRow) {
        JooqSession session = JooqSession.of(tx);
        transaction.set(session.dsl().fetchValue(TRANSACTION_ID));
        sawOuterRow.set(session.dsl().fetchCount(ACCOUNTS, ACCOUNTS.NAME.eq("Outer")));
        SampleData.account(session.dsl(), "Inner");
    }

    /** Accounts as seen from a connection of the pool outside any transaction of this thread. */
    private int otherConnectionCount() {
        return database.dsl().fetchCount(ACCOUNTS);
    }

    private static void joinUninterruptibly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
