package io.guichet.app.scheduler;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Gives Quartz's job store connections of Guichet's own pool (so Quartz never looks for c3p0). */
final class PoolConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    PoolConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the pool belongs to the application, which closes it
    }

    @Override
    public void initialize() {
        // nothing: the pool is ready
    }
}
