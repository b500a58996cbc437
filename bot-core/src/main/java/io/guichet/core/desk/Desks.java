package io.guichet.core.desk;

import io.guichet.core.kb.KnowledgeBase;
import io.guichet.core.port.TicketThreads;

/**
 * The core's face towards the channels: every use case mail, the Discord console and the command line may call.
 * The composition root builds it from a {@link DeskContext}; channels never see the context or the stores behind it,
 * so the same act has the same rules, audit and words whatever the channel. (The deadline sweep and the calendar
 * jobs are wired by the composition root itself.)
 */
public record Desks(CustomerDesk customers,
                    StaffDesk staffDesk,
                    DirectoryDesk directory,
                    TicketQueries tickets,
                    KnowledgeDesk knowledge,
                    ThreadDesk threads) {

    public static Desks of(DeskContext context, KnowledgeBase articles, TicketThreads threads) {
        StaffDesk staff = new StaffDesk(context);
        return new Desks(new CustomerDesk(context), staff, new DirectoryDesk(context),
                new TicketQueries(context), new KnowledgeDesk(context, articles), new ThreadDesk(context, threads, staff));
    }
}
