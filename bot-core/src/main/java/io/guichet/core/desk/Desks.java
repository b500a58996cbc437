package io.guichet.core.desk;

import io.guichet.core.intake.IntakeReader;
import io.guichet.core.kb.KnowledgeBase;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.port.SnippetStore;
import io.guichet.core.port.TicketThreads;

/**
 * The core's face towards the channels: every use case mail, the Discord console and the command line may call.
 * The composition root builds it from a {@link DeskContext}; channels never see the context or the stores behind it,
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
     * The desks on {@code context}; {@code threads} holds the tickets' Discord threads, {@code journal} the
     * conversations the customers' web pages show, {@code intake} the reading of the intake fields a reply written on
     * those pages goes through (the mail channel's), {@code snippets} the saved replies staff insert in their answers.
     */
    public static Desks of(DeskContext context, KnowledgeBase articles, TicketThreads threads, MailJournal journal,
                           IntakeReader intake, SnippetStore snippets) {
        StaffDesk staff = new StaffDesk(context);
        CustomerDesk customers = new CustomerDesk(context);
        return new Desks(customers, staff, new DirectoryDesk(context),
                new TicketQueries(context), new KnowledgeDesk(context, articles), new ThreadDesk(context, threads, staff),
                new CustomerPages(context, journal, customers, intake), new SnippetDesk(context, snippets));
    }
}
