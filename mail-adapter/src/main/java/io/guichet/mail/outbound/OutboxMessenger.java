package io.guichet.mail.outbound;

import io.guichet.mail.headers.HeaderValues;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.Received;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MessageId;
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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Says things to customers by mail: renders each notice, gives it our own Message-ID and the thread's
 * {@code In-Reply-To}/{@code References}, and puts it in the outbox inside the caller's transaction. The mail is
 * also added to the ticket's thread, so the customer's reply to it finds the ticket. Automatic answers are capped
 * per recipient ({@link AutoReplyLimits}), except acknowledgements (R2).
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

    /** The customer's mail, in its ticket's thread: recorded before any answer to it, so it sorts before them. */
    @Override
    public void received(ThreadMessage message) {
        journal.recordMessage(message);
    }

    /**
     * Each notice as if told one after the other (in answer to {@code inAnswerTo} when the desk handles a received
     * mail: threaded on it, with its correlation id), with a few statements for all: the recipients' automatic-reply counts
     * and the tickets' threads read at once, the mails, thread entries and counts written at once. A mail counts
     * towards the cap of the mails after it, and threads on the mail before it on the same ticket.
     */
    @Override
    public void tellAll(List<CustomerNotice> notices, Optional<Received> inAnswerTo) {
        if (notices.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<RenderedMail> mails = notices.stream().map(renderer::render).toList();
        Set<EmailAddress> automaticTo = new LinkedHashSet<>();
        Set<TicketId> tickets = new LinkedHashSet<>();
        for (int i = 0; i < notices.size(); i++) {
            if (mails.get(i).automatic() && !(notices.get(i) instanceof CustomerNotice.Acknowledged)) {
                automaticTo.add(notices.get(i).to().email());
            }
            notices.get(i).ticket().map(Ticket::id).ifPresent(tickets::add);
        }
        Map<TicketId, List<MessageId>> threads = new HashMap<>();
        if (!tickets.isEmpty()) {
            journal.threadIds(tickets).forEach((ticket, ids) -> threads.put(ticket, new ArrayList<>(ids)));
        }
        Batch batch = new Batch(now,
                automaticTo.isEmpty() ? new HashMap<>()
                        : new HashMap<>(journal.autoRepliesSince(automaticTo, now.minus(limits.window()))),
                threads, inAnswerTo);
        for (int i = 0; i < notices.size(); i++) {
            add(notices.get(i), mails.get(i), batch);
        }
        journal.recordAutoReplies(batch.automatic, now);
        outbox.enqueueAll(batch.mails);
        journal.recordMessages(batch.thread);
    }

    /**
     * Adds one mail to the batch, unless it is automatic and its recipient's cap is reached. An acknowledgement is
     * never capped and does not count towards the cap (R2: every request gets its number): it only goes to an
     * authorized contact who opened a ticket, and loops are caught by the loop detection of the intake, not by
     * starving a busy customer of the numbers of their requests.
     */
    private void add(CustomerNotice notice, RenderedMail mail, Batch batch) {
        EmailAddress to = notice.to().email();
        if (mail.automatic() && !neverCapped(notice)) {
            int count = batch.sent.getOrDefault(to, 0);
            if (count >= cap(notice)) {
                LOG.warn("automatic {} to a {} address not sent: per-recipient cap reached",
                        notice.getClass().getSimpleName(), to.domain());
                return;
            }
            batch.sent.put(to, count + 1);
            batch.automatic.add(to);
        }
        Optional<TicketId> ticket = notice.ticket().map(Ticket::id);
        List<MessageId> thread = ticket.map(t -> batch.threads.computeIfAbsent(t, k -> new ArrayList<>())).orElse(List.of());
        Optional<MessageId> answering = batch.inAnswerTo.flatMap(Received::answering);
        Optional<MessageId> inReplyTo = answering.or(() -> thread.isEmpty()
                ? Optional.empty() : Optional.of(thread.get(thread.size() - 1)));
        List<MessageId> references = new ArrayList<>(thread);
        answering.filter(id -> !references.contains(id)).ifPresent(references::add);
        List<MessageId> capped = rootAndRecent(references);

        MessageId messageId = new MessageId(UUID.randomUUID() + "@" + messageIdDomain);
        boolean generated = mail.automatic() && batch.inAnswerTo.isEmpty() && !answersAMail(notice);
        batch.mails.add(new OutgoingMail(0, ticket, messageId, to, notice.to().name(), mail.subject(), mail.body(),
                inReplyTo, List.copyOf(capped), mail.automatic(), batch.now, 0, generated,
                batch.inAnswerTo.map(Received::correlationId),
                notice instanceof CustomerNotice.StaffReply reply ? reply.attachments() : List.of()));
        batch.thread.add(new ThreadMessage(ticket, ThreadMessage.Direction.OUT, messageId, mail.subject(), to.value(),
                mail.body(), batch.now, List.of()));
        if (ticket.isPresent()) {
            thread.add(messageId);
        }
    }

    /**
     * Kinds of notice that only ever answer a customer's mail (RFC 3834 {@code auto-replied} even when that mail had no
     * Message-ID to answer); other automatic notices are {@code auto-replied} when told in answer to a mail, and
     * {@code auto-generated} when a deadline, a staff action or the calendar caused them.
     */
    static boolean answersAMail(CustomerNotice notice) {
        return switch (notice) {
            case CustomerNotice.Acknowledged n -> true;
            case CustomerNotice.StillMissing n -> true;
            case CustomerNotice.IntakeComplete n -> true;
            case CustomerNotice.Reopened n -> true;
            case CustomerNotice.AttachmentsLost n -> true;
            case CustomerNotice.UnknownSender n -> true;
            case CustomerNotice.NotCovered n -> true;
            case CustomerNotice.NoAccess n -> true;
            case CustomerNotice.StaffReply n -> false;
            case CustomerNotice.Resolved n -> false;
            case CustomerNotice.Escalated n -> false;
            case CustomerNotice.SeverityChanged n -> false;
            case CustomerNotice.UpdateFrequencyLowered n -> false;
            case CustomerNotice.OnHold n -> false;
            case CustomerNotice.ServerAccessed n -> false;
            case CustomerNotice.PageLinkAndAccessLog n -> true;
            case CustomerNotice.Reminder n -> false;
            case CustomerNotice.Closed n -> false;
            case CustomerNotice.AutomaticDowngrade n -> false;
            case CustomerNotice.AvailabilityRequest n -> false;
            case CustomerNotice.CertificationExpiring n -> false;
            case CustomerNotice.EndOfSupport n -> false;
        };
    }

    /**
     * The one References policy (RFC 5322 section 3.6.4), the same as {@link HeaderValues#references}: the thread's
     * root is always kept, then the most recent ids; the middle of a long thread is dropped.
     */
    static List<MessageId> rootAndRecent(List<MessageId> references) {
        if (references.size() <= MAX_REFERENCES) {
            return references;
        }
        List<MessageId> kept = new ArrayList<>(MAX_REFERENCES);
        kept.add(references.getFirst());
        kept.addAll(references.subList(references.size() - (MAX_REFERENCES - 1), references.size()));
        return kept;
    }

    /** What a {@link #tellAll} writes, and what it read: counts and threads grow as mails are added. */
    private static final class Batch {
        private final Instant now;
        private final Map<EmailAddress, Integer> sent;
        private final Map<TicketId, List<MessageId>> threads;
        private final Optional<Received> inAnswerTo;
        private final List<EmailAddress> automatic = new ArrayList<>();
        private final List<OutgoingMail> mails = new ArrayList<>();
        private final List<ThreadMessage> thread = new ArrayList<>();

        private Batch(Instant now, Map<EmailAddress, Integer> sent, Map<TicketId, List<MessageId>> threads,
                      Optional<Received> inAnswerTo) {
            this.now = now;
            this.sent = sent;
            this.threads = threads;
            this.inAnswerTo = inAnswerTo;
        }
    }

    /**
     * Automatic mails the per-recipient cap never holds back: the acknowledgement (R2, above) and the notice of an
     * access to the customer's server and the access log a contact asks for (R7: the customer always hears of every
     * access).
     */
    static boolean neverCapped(CustomerNotice notice) {
        return notice instanceof CustomerNotice.Acknowledged || notice instanceof CustomerNotice.ServerAccessed
                || notice instanceof CustomerNotice.PageLinkAndAccessLog;
    }

    /** Automatic mails a recipient may get per window: fewer refusals than other answers. */
    private int cap(CustomerNotice notice) {
        boolean refusal = switch (notice) {
            case CustomerNotice.UnknownSender n -> true;
            case CustomerNotice.NotCovered n -> true;
            case CustomerNotice.NoAccess n -> true;
            case CustomerNotice.Acknowledged n -> false;
            case CustomerNotice.StillMissing n -> false;
            case CustomerNotice.IntakeComplete n -> false;
            case CustomerNotice.Reopened n -> false;
            case CustomerNotice.AttachmentsLost n -> false;
            case CustomerNotice.StaffReply n -> false;
            case CustomerNotice.Resolved n -> false;
            case CustomerNotice.Escalated n -> false;
            case CustomerNotice.SeverityChanged n -> false;
            case CustomerNotice.UpdateFrequencyLowered n -> false;
            case CustomerNotice.OnHold n -> false;
            case CustomerNotice.ServerAccessed n -> false;
            case CustomerNotice.PageLinkAndAccessLog n -> false;
            case CustomerNotice.Reminder n -> false;
            case CustomerNotice.Closed n -> false;
            case CustomerNotice.AutomaticDowngrade n -> false;
            case CustomerNotice.AvailabilityRequest n -> false;
            case CustomerNotice.CertificationExpiring n -> false;
            case CustomerNotice.EndOfSupport n -> false;
        };
        return refusal ? limits.refusalsPerWindow() : limits.automaticPerWindow();
    }
}
