package io.guichet.core.desk;

import io.guichet.core.intake.IntakeReader;
import io.guichet.core.kb.KnowledgeBase;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.SnippetStore;
import io.guichet.core.port.TicketThreads;

/**
 * The core's face towards the channels: every use case mail, the Discord console and the command line may call.
 * The composition root builds it from {@link DeskPorts}; channels never see the ports or the stores behind them,
 * so the same act has the same rules, audit and words whatever the channel. (The deadline sweep and the calendar
 * jobs are wired by the composition root itself.) {@code pages}: the customers' web pages of their tickets.
 */
public record Desks(CustomerDesk customers,
                    StaffDesk staffDesk,
                    DirectoryDesk directory,
                    TicketQueries tickets,
                    KnowledgeDesk knowledge,
                    ThreadDesk threads,
                    CustomerPages pages,
                    SnippetDesk snippets) {

    /**
     * The desks on {@code ports}; {@code threads} holds the tickets' Discord threads, {@code journal} the
     * conversations the customers' web pages show, {@code intake} the reading of the intake fields a reply written on
     * those pages goes through (the mail channel's), {@code snippets} the saved replies staff insert in their answers.
     */
    public static Desks of(DeskPorts ports, PerTransaction<KnowledgeBase> articles, PerTransaction<TicketThreads> threads,
                           PerTransaction<MailJournal> journal, IntakeReader intake, PerTransaction<SnippetStore> snippets) {
        StaffDesk staff = new StaffDesk(ports);
        CustomerDesk customers = new CustomerDesk(ports);
        return new Desks(customers, staff, new DirectoryDesk(ports),
                new TicketQueries(ports), new KnowledgeDesk(ports, articles), new ThreadDesk(ports, threads, staff),
                new CustomerPages(ports, journal, customers, intake), new SnippetDesk(ports, snippets));
    }

    /** The desks on ports with no transaction of their own (in memory). */
    public static Desks of(DeskPorts ports, KnowledgeBase articles, TicketThreads threads, MailJournal journal,
                           IntakeReader intake, SnippetStore snippets) {
        return of(ports, PerTransaction.same(articles), PerTransaction.same(threads), PerTransaction.same(journal),
                intake, PerTransaction.same(snippets));
    }
}
