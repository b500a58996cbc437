package io.guichet.mail.outbound;

import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.Outbox;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.port.CustomerMessenger;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Says things to customers by mail: renders each notice, gives it our own Message-ID and the thread's
 * {@code In-Reply-To}/{@code References}, and puts it in the outbox inside the caller's transaction. The mail is
 * also added to the ticket's thread, so the customer's reply to it finds the ticket. Automatic answers are capped
 * per recipient ({@link AutoReplyLimits}).
 */
public final class OutboxMessenger implements CustomerMessenger {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMessenger.class);
    private static final int MAX_REFERENCES = 20;

    private final NoticeRenderer renderer;
    private final MailJournal journal;
    private final Outbox outbox;
    private final AutoReplyLimits limits;
    private final String messageIdDomain;
    private final Clock clock;

    public OutboxMessenger(NoticeRenderer renderer, MailJournal journal, Outbox outbox, AutoReplyLimits limits,
                           String messageIdDomain, Clock clock) {
        this.renderer = renderer;
        this.journal = journal;
        this.outbox = outbox;
        this.limits = limits;
        this.messageIdDomain = messageIdDomain;
        this.clock = clock;
    }

    @Override
    public void tell(CustomerNotice notice) {
        Instant now = clock.instant();
        RenderedMail mail = renderer.render(notice);
        if (mail.automatic() && overCap(notice, now)) {
            LOG.warn("automatic {} to a {} address not sent: per-recipient cap reached",
                    notice.getClass().getSimpleName(), notice.to().email().domain());
            return;
        }
        if (mail.automatic()) {
            journal.recordAutoReply(notice.to().email(), now);
        }
        Optional<TicketId> ticket = notice.ticket().map(Ticket::id);
        List<String> thread = ticket.map(journal::threadIds).orElse(List.of());
        Optional<String> answering = ReplyContext.current();
        Optional<String> inReplyTo = answering.or(() -> thread.isEmpty()
                ? Optional.empty() : Optional.of(thread.get(thread.size() - 1)));
        List<String> references = new ArrayList<>(thread);
        answering.filter(id -> !references.contains(id)).ifPresent(references::add);
        List<String> capped = references.size() <= MAX_REFERENCES ? references
                : references.subList(references.size() - MAX_REFERENCES, references.size());

        String messageId = UUID.randomUUID() + "@" + messageIdDomain;
        outbox.enqueue(new OutgoingMail(0, ticket, messageId, notice.to().email(), notice.to().name(),
                mail.subject(), mail.body(), inReplyTo, capped, mail.automatic(), now, 0));
        journal.recordMessage(new ThreadMessage(ticket, ThreadMessage.Direction.OUT, messageId, mail.subject(),
                notice.to().email().value(), mail.body(), now, List.of()));
    }

    private boolean overCap(CustomerNotice notice, Instant now) {
        int sent = journal.autoRepliesSince(notice.to().email(), now.minus(limits.window()));
        boolean refusal = switch (notice) {
            case CustomerNotice.UnknownSender n -> true;
            case CustomerNotice.NotCovered n -> true;
            case CustomerNotice.NoAccess n -> true;
            case CustomerNotice.Acknowledged n -> false;
            case CustomerNotice.StillMissing n -> false;
            case CustomerNotice.IntakeComplete n -> false;
            case CustomerNotice.Reopened n -> false;
            case CustomerNotice.StaffReply n -> false;
            case CustomerNotice.Resolved n -> false;
            case CustomerNotice.Escalated n -> false;
            case CustomerNotice.SeverityChanged n -> false;
            case CustomerNotice.OnHold n -> false;
            case CustomerNotice.ServerAccessed n -> false;
            case CustomerNotice.Reminder n -> false;
            case CustomerNotice.Closed n -> false;
            case CustomerNotice.AutomaticDowngrade n -> false;
            case CustomerNotice.CertificationExpiring n -> false;
            case CustomerNotice.EndOfSupport n -> false;
        };
        return sent >= (refusal ? limits.refusalsPerWindow() : limits.automaticPerWindow());
    }
}
