package io.guichet.db;

import io.guichet.db.testing.PostgresExtension;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

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
        int seenByOthersDuringWork = transactions.inTransaction(() -> {
            SampleData.account(transactions.dsl(), "Acme");
            return otherConnectionCount();
        });

        assertThat(seenByOthersDuringWork).isZero();
        assertThat(otherConnectionCount()).isEqualTo(1);
    }

    @Test
    void work_is_rolled_back_when_it_throws_and_the_exception_is_rethrown_unchanged() {
        IllegalArgumentException failure = new IllegalArgumentException("boom");

        Throwable thrown = catchThrowable(() -> transactions.run(() -> {
            SampleData.account(transactions.dsl(), "Acme");
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(otherConnectionCount()).isZero();
    }

    @Test
    void after_commit_actions_run_once_committed_and_never_after_a_rollback_when_ended_ones_run_either_way() {
        java.util.List<String> ran = new java.util.ArrayList<>();

        transactions.run(() -> {
            SampleData.account(transactions.dsl(), "Acme");
            transactions.afterCommit(() -> ran.add("committed, visible: " + otherConnectionCount()
                    + ", in a transaction: " + transactions.isInTransaction()));
            ran.add("work done");
        });
        catchThrowable(() -> transactions.run(() -> {
            transactions.afterCommit(() -> ran.add("after a rollback"));
            throw new IllegalStateException("boom");
        }));
        transactions.afterCommit(() -> ran.add("no transaction: at once"));
        catchThrowable(() -> transactions.run(() -> {
            transactions.whenEnded(() -> ran.add("ended, rolled back: " + otherConnectionCount()));
            SampleData.account(transactions.dsl(), "Globex");
            throw new IllegalStateException("boom");
        }));

        assertThat(ran).containsExactly("work done", "committed, visible: 1, in a transaction: false",
                "no transaction: at once", "ended, rolled back: 1");
    }

    @Test
    void an_error_also_rolls_back_and_is_rethrown_unchanged() {
        AssertionError failure = new AssertionError("bug");

        Throwable thrown = catchThrowable(() -> transactions.run(() -> {
            SampleData.account(transactions.dsl(), "Acme");
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThat(otherConnectionCount()).isZero();
    }

    @Test
    void a_nested_call_joins_the_outer_transaction() {
        AtomicLong innerTransaction = new AtomicLong();
        AtomicLong innerSawOuterRow = new AtomicLong();

        long outerTransaction = transactions.inTransaction(() -> {
            SampleData.account(transactions.dsl(), "Outer");
            transactions.run(() -> {
                innerTransaction.set(transactions.dsl().fetchValue(TRANSACTION_ID));
                innerSawOuterRow.set(transactions.dsl().fetchCount(ACCOUNTS, ACCOUNTS.NAME.eq("Outer")));
                SampleData.account(transactions.dsl(), "Inner");
            });
            assertThat(otherConnectionCount()).as("inner work is not committed on its own").isZero();
            return transactions.dsl().fetchValue(TRANSACTION_ID);
        });

        assertThat(innerTransaction.get()).isEqualTo(outerTransaction);
        assertThat(innerSawOuterRow.get()).isEqualTo(1);
        assertThat(otherConnectionCount()).isEqualTo(2);
    }

    @Test
    void a_failed_nested_call_rolls_back_the_outer_transaction_even_if_the_outer_work_catches_it() {
        IllegalStateException nestedFailure = new IllegalStateException("nested");
        AtomicReference<RuntimeException> caughtByOuter = new AtomicReference<>();

        assertThatThrownBy(() -> transactions.run(() -> {
            SampleData.account(transactions.dsl(), "Outer");
            try {
                transactions.run(() -> {
                    SampleData.account(transactions.dsl(), "Inner");
                    throw nestedFailure;
                });
            } catch (IllegalStateException e) {
                caughtByOuter.set(e);
            }
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nested unit of work failed")
                .hasCause(nestedFailure);

        assertThat(caughtByOuter.get()).isSameAs(nestedFailure);
        assertThat(otherConnectionCount()).isZero();
    }

    @Test
    void outside_a_transaction_each_statement_commits_on_its_own() {
        assertThat(transactions.isInTransaction()).isFalse();
        long first = transactions.dsl().fetchValue(TRANSACTION_ID);
        long second = transactions.dsl().fetchValue(TRANSACTION_ID);

        assertThat(second).isNotEqualTo(first);
        assertThat(transactions.inTransaction(transactions::isInTransaction)).isTrue();
        assertThat(transactions.isInTransaction()).isFalse();
    }

    @Test
    void the_transaction_is_bound_to_its_thread(DSLContext pool) {
        int seenFromAnotherThread = transactions.inTransaction(() -> {
            SampleData.account(transactions.dsl(), "Acme");
            AtomicLong count = new AtomicLong(-1);
            Thread other = Thread.ofPlatform().start(() -> count.set(transactions.dsl().fetchCount(ACCOUNTS)));
            joinUninterruptibly(other);
            return (int) count.get();
        });

        assertThat(seenFromAnotherThread).isZero();
        assertThat(pool.fetchCount(ACCOUNTS)).isEqualTo(1);
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
