package io.guichet.db;

import io.guichet.db.testing.PostgresExtension;
import io.guichet.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

@ExtendWith(PostgresExtension.class)
class MigrationsIT {

    private static final List<String> QUARTZ_TABLES = List.of(
            "qrtz_job_details", "qrtz_triggers", "qrtz_simple_triggers", "qrtz_cron_triggers", "qrtz_simprop_triggers",
            "qrtz_blob_triggers", "qrtz_calendars", "qrtz_paused_trigger_grps", "qrtz_fired_triggers",
            "qrtz_scheduler_state", "qrtz_locks");

    @Test
    void migrations_apply_in_order_on_an_empty_database_and_only_once() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Database database = empty.database();

            MigrationReport first = database.migrate();
            MigrationReport second = database.migrate();

            assertThat(first.applied()).extracting(AppliedMigration::version, AppliedMigration::description)
                    .startsWith(
                            tuple("1", "core"),
                            tuple("2", "quartz"),
                            tuple("3", "mail"));
            List<Integer> versions = first.applied().stream().map(m -> Integer.parseInt(m.version())).toList();
            assertThat(versions).isSorted().doesNotHaveDuplicates();
            String last = first.applied().get(first.applied().size() - 1).version();
            assertThat(first.schemaVersion()).contains(last);
            assertThat(second.applied()).isEmpty();
            assertThat(second.schemaVersion()).contains(last);
        }
    }

    @Test
    void the_schema_state_read_without_flyway_agrees_with_flyway_at_every_step() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Database database = empty.database();
            List<String> scripts = MigrationScripts.versions();
            String known = scripts.get(scripts.size() - 1);
            assertThat(scripts).contains("1", "2", "16").isSortedAccordingTo(MigrationScripts.ORDER);

            assertThat(database.schemaState()).isEqualTo(new SchemaState.Missing(known));
            database.migrateTo("5");
            assertThat(database.schemaState()).isEqualTo(new SchemaState.Older("5", known));
            database.migrate();
            assertThat(database.schemaState()).isEqualTo(new SchemaState.Current(known));
            assertThat(database.schemaVersion()).contains(known);
            database.dsl().execute("insert into flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, installed_on, execution_time, success)"
                    + " select max(installed_rank) + 1, '999', 'failed', 'SQL', 'V999__failed.sql', 0,"
                    + " 'test', now(), 1, false from flyway_schema_history");
            assertThat(database.schemaState()).as("a failed migration is not applied")
                    .isEqualTo(new SchemaState.Current(known));
            database.dsl().execute("update flyway_schema_history set success = true where version = '999'");
            assertThat(database.schemaState()).isEqualTo(new SchemaState.Newer("999", known));
        }
    }

    @Test
    @org.junit.jupiter.api.DisplayName("R1: an account covered before coverage per product (V27) is covered for all products after it, unchanged")
    void coverage_before_v27_is_coverage_for_all_products() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Database database = empty.database();
            database.migrateTo("24");
            database.dsl().execute("insert into accounts (name, coverage_ends_on, account_manager_name)"
                    + " values ('Acme', date '2027-12-31', 'Marie Curie'), ('Globex', null, '')");
            database.migrate();

            JooqContactDirectory contacts = new JooqContactDirectory(database.transactions().autoCommit());
            io.guichet.core.account.Account acme = contacts.accountNamed("Acme").orElseThrow();
            io.guichet.core.account.Coverage coverage = io.guichet.core.account.Coverage.of(acme,
                    contacts.productCoverage(acme.id()));
            java.time.LocalDate day = java.time.LocalDate.parse("2027-12-31");
            assertThat(coverage.products()).isEmpty();
            assertThat(coverage.allProductsOn(day)).isTrue();
            assertThat(coverage.covers("VSA", day)).isTrue();
            assertThat(coverage.covers("Traverse", day.plusDays(1))).isFalse();
            io.guichet.core.account.Account globex = contacts.accountNamed("Globex").orElseThrow();
            assertThat(io.guichet.core.account.Coverage.of(globex, contacts.productCoverage(globex.id())).anyOn(day))
                    .as("never covered stays not covered").isFalse();
        }
    }

    @Test
    void migration_versions_compare_as_flyway_orders_them() {
        assertThat(java.util.stream.Stream.of("10", "9", "1.10", "1.9", "2", "1").sorted(MigrationScripts.ORDER).toList())
                .containsExactly("1", "1.9", "1.10", "2", "9", "10");
        assertThat(MigrationScripts.ORDER.compare("1.0", "1")).isZero();
    }

    @Test
    void a_schema_migrated_by_a_newer_version_is_refused_with_one_line() {
        try (TestDatabase migrated = TestDatabase.createMigrated()) {
            Database database = migrated.database();
            database.dsl().execute("insert into flyway_schema_history (installed_rank, version, description, type,"
                    + " script, checksum, installed_by, installed_on, execution_time, success)"
                    + " select max(installed_rank) + 1, '999', 'from a newer guichet', 'SQL', 'V999__newer.sql', 0,"
                    + " 'test', now(), 1, true from flyway_schema_history");

            assertThatThrownBy(database::migrate).isInstanceOf(MigrationFailedException.class)
                    .hasMessageStartingWith("the database's schema is at version 999, newer than this Guichet knows (")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void an_empty_test_database_has_no_table_at_all() {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            int tables = empty.database().dsl()
                    .fetchCount(table(name("information_schema", "tables")),
                            field(name("table_schema")).eq("public"));

            assertThat(tables).isZero();
        }
    }

    @Test
    void the_database_given_to_a_test_is_already_migrated(Database database) {
        assertThat(database.migrate().applied()).isEmpty();
    }

    @Test
    void quartz_tables_exist_in_lower_case_for_the_postgresql_delegate(Database database) {
        List<String> tables = database.dsl()
                .select(field(name("table_name"), String.class))
                .from(table(name("information_schema", "tables")))
                .where(field(name("table_schema")).eq("public"))
                .and(field(name("table_name"), String.class).like("qrtz\\_%"))
                .fetch(field(name("table_name"), String.class));

        assertThat(tables).containsExactlyInAnyOrderElementsOf(QUARTZ_TABLES);
    }
}
