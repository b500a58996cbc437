package io.guichet.db;

import io.guichet.core.account.AccountId;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.triage.QueueFilter;
import io.guichet.db.testing.PostgresExtension;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static io.guichet.db.jooq.Tables.TICKETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue narrowed to one technician or one account reads V25's index for it: the statement JooqTicketStore runs
 * matches the index expressions (the first word of assignee, the account), so each slice is an ordered range of that
 * holder's or account's tickets. Sequential and bitmap scans are switched off so that a tiny table does not hide
 * whether the index can be used at all.
 */
@ExtendWith(PostgresExtension.class)
class QueueFilterPlanIT {

    @Test
    @DisplayName("R15: the queue of one holder, and of one account, walks V25's tickets_queue_holder / tickets_queue_account")
    void filteredQueueUsesItsIndex(Database database) throws Exception {
        DSLContext plain = database.dsl();
        long acme = SampleData.account(plain, "Acme");
        long globex = SampleData.account(plain, "Globex");
        long ada = SampleData.contact(plain, acme, "ada@acme.example");
        long hank = SampleData.contact(plain, globex, "hank@globex.example");
        for (int i = 0; i < 300; i++) {
            long number = SampleData.ticket(plain, i % 3 == 0 ? globex : acme, i % 3 == 0 ? hank : ada);
            plain.update(TICKETS).set(TICKETS.STATUS, "IN_PROGRESS").set(TICKETS.SEVERITY, (short) (i % 4 + 1))
                    .set(TICKETS.ASSIGNEE, "discord:" + (i % 30) + " Tech " + (i % 30))
                    .where(TICKETS.NUMBER.eq(number)).execute();
        }
        plain.execute("analyze tickets");
        AtomicReference<String> sql = new AtomicReference<>();
        DSLContext capturing = DSL.using(new DefaultConfiguration().set(database.dataSource())
                .set(SQLDialect.POSTGRES)
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        if (ctx.query() != null) {
                            sql.set(ctx.dsl().renderInlined(ctx.query()));
                        }
                    }
                })));
        JooqTicketStore store = new JooqTicketStore(new JooqTransactions(capturing).autoCommit());
        EnumSet<TicketStatus> worked = EnumSet.of(TicketStatus.OPEN, TicketStatus.IN_PROGRESS);
        LocalDate today = LocalDate.parse("2026-03-02");

        assertThat(store.queue(worked, Optional.empty(), new QueueFilter(Optional.of("discord:7"), Optional.empty(),
                Optional.empty()), today, 0, 11)).hasSize(10)
                .allSatisfy(t -> assertThat(t.assignee().orElseThrow().id()).isEqualTo("discord:7"));
        assertThat(plan(database, sql.get())).contains("tickets_queue_holder").doesNotContain("Seq Scan");

        assertThat(store.queue(worked, Optional.empty(), new QueueFilter(Optional.empty(), Optional.of(new AccountId(globex)),
                Optional.empty()), today, 0, 11)).hasSize(11)
                .allSatisfy(t -> assertThat(t.accountId().value()).isEqualTo(globex));
        assertThat(plan(database, sql.get())).contains("tickets_queue_account").doesNotContain("Seq Scan");
    }

    private static String plan(Database database, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            s.execute("set enable_bitmapscan = off");
            try (ResultSet rs = s.executeQuery("explain " + sql)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("reset all");
        }
        return plan.toString();
    }
}
