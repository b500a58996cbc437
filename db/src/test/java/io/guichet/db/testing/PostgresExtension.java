package io.guichet.db.testing;

import io.guichet.db.Database;
import io.guichet.db.JooqTransactions;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import javax.sql.DataSource;
import java.util.Set;

/**
 * Gives each test method a fresh, migrated PostgreSQL database of its own, dropped after the test. Declare a
 * parameter of type {@link Database}, {@link JooqTransactions}, {@link DSLContext}, {@link DataSource} or
 * {@link TestDatabase} on a test method or a {@code @BeforeEach}/{@code @AfterEach} method; all the parameters
 * of one test share one database.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class JooqTicketRepositoryIT {
 *     @Test
 *     void findsWhatItSaved(JooqTransactions transactions) { ... }
 * }
 * }</pre>
 *
 * <p>The server is embedded (started once per test JVM) unless {@code GUICHET_TEST_DB_URL} names one; see
 * {@link TestDatabase}. A parameter of a {@code @BeforeAll} method gets a database shared by the whole class.
 */
public final class PostgresExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final Set<Class<?>> SUPPORTED =
            Set.of(Database.class, JooqTransactions.class, DSLContext.class, DataSource.class, TestDatabase.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SUPPORTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase testDatabase = context.getStore(NAMESPACE)
                .computeIfAbsent(TestDatabase.class, key -> TestDatabase.createMigrated(), TestDatabase.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == TestDatabase.class) {
            return testDatabase;
        }
        Database database = testDatabase.database();
        if (type == Database.class) {
            return database;
        }
        if (type == JooqTransactions.class) {
            return database.transactions();
        }
        if (type == DSLContext.class) {
            return database.dsl();
        }
        return database.dataSource();
    }
}
