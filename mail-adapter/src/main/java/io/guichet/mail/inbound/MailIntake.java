package io.guichet.mail.inbound;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.port.TicketStore;
import io.guichet.core.port.Transactions;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.mail.outbound.ReplyContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The e-mail channel's intake: one mail in, in one transaction, exactly once. Records the receipt (a second
 * delivery of the same mail changes nothing), sets automatic mail, loops and bounces aside without answering them,
 * finds the ticket a reply belongs to (subject tag, then In-Reply-To/References), reads the intake fields, hands
 * the core a command, and records the mail in the ticket's thread. The answers the core decides on go to the
 * outbox in the same transaction.
 */
public final class MailIntake implements MailHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    private final MimeParser parser;
    private final IntakeExtractor extractor = new IntakeExtractor();
    private final Transactions transactions;
    private final MailJournal journal;
    private final TicketStore tickets;
    private final CustomerDesk desk;
    private final MailIntakeSettings settings;
    private final Clock clock;

    public MailIntake(MimeParser parser, Transactions transactions, MailJournal journal, TicketStore tickets,
                      CustomerDesk desk, MailIntakeSettings settings, Clock clock) {
        this.parser = parser;
        this.transactions = transactions;
        this.journal = journal;
        this.tickets = tickets;
        this.desk = desk;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Handled handle(byte[] raw, MailPosition position) {
        String correlationId = UUID.randomUUID().toString().substring(0, 8);
        MDC.put("channel", "mail");
        MDC.put("correlationId", correlationId);
        try {
            return switch (parser.parse(raw)) {
                case ParseResult.Unparseable u -> quarantine(position, sha256(raw), "", "", u.reason());
                case ParseResult.Parsed p -> {
                    p.email().messageId().ifPresent(id -> MDC.put("messageId", id));
                    yield transactions.inTransaction(() -> handle(p.email(), position));
                }
            };
        } catch (ConcurrentChange e) {
            LOG.info("mail at uid {} met a concurrent change; it will be handled again", position.uid());
            return new Handled.RetryLater("the ticket changed meanwhile");
        } catch (RuntimeException e) {
            LOG.error("mail at uid {} could not be handled (ref {})", position.uid(), correlationId, e);
            return new Handled.RetryLater("internal error, ref " + correlationId);
        } finally {
            MDC.remove("channel");
            MDC.remove("correlationId");
            MDC.remove("ticket");
            MDC.remove("messageId");
        }
    }

    @Override
    public Handled oversize(MailPosition position, String messageId, String sender, String subject, long size) {
        String hash = sha256((position.mailbox() + "/" + position.uidValidity() + "/" + position.uid() + "/" + messageId)
                .getBytes(StandardCharsets.UTF_8));
        return quarantine(position, hash, sender, subject, "message of " + size + " bytes is over the size limit");
    }

    private Handled quarantine(MailPosition position, String hash, String sender, String subject, String reason) {
        transactions.run(() -> {
            journal.recordReceipt(new InboundReceipt(position, Optional.empty(), hash, sender, subject, clock.instant()));
            journal.settle(position, Disposition.QUARANTINED, Optional.empty(), reason);
        });
        LOG.warn("mail at uid {} quarantined: {}", position.uid(), reason);
        return new Handled.Quarantined(reason);
    }

    private Handled handle(InboundEmail email, MailPosition position) {
        Instant now = clock.instant();
        InboundReceipt receipt = new InboundReceipt(position, email.messageId(), email.contentHash(),
                email.from().address(), email.subject(), now);
        if (!journal.recordReceipt(receipt)) {
            LOG.info("mail at uid {} was already handled", position.uid());
            return new Handled.Processed("already handled");
        }
        return switch (MailClassifier.classify(email, settings.classifier())) {
            case Classification.AutoReply auto -> settled(position, Disposition.AUTO_REPLY, Optional.empty(), auto.reason());
            case Classification.OwnMail own -> settled(position, Disposition.LOOP, Optional.empty(), own.reason());
            case Classification.Bounce bounce -> bounce(position, bounce, now);
            case Classification.Human human -> human(email, position, now);
        };
    }

    /** RFC 3464: recorded on the ticket whose mail bounced, never answered. */
    private Handled bounce(MailPosition position, Classification.Bounce bounce, Instant now) {
        Optional<TicketId> ticket = bounce.originalMessageId().flatMap(id -> journal.ticketOf(List.of(id)));
        String detail = "delivery to " + bounce.recipient().orElse("?") + " failed: " + bounce.status().orElse("?");
        ticket.ifPresent(id -> tickets.append(List.of(TicketEvent.fact(id, now, Actor.SYSTEM, EventKind.BOUNCE, detail))));
        return settled(position, Disposition.BOUNCE, ticket, detail);
    }

    private Handled human(InboundEmail email, MailPosition position, Instant now) {
        Optional<EmailAddress> from = EmailAddress.parse(email.from().address());
        if (from.isEmpty()) {
            return settled(position, Disposition.REJECTED, Optional.empty(), "sender address is unusable");
        }
        if (AuthenticationVerdict.of(email, settings.trustedAuthservId()) == AuthenticationVerdict.FAIL) {
            LOG.warn("mail from a {} address failed authentication; not answered", from.get().domain());
            return settled(position, Disposition.REJECTED, Optional.empty(),
                    "sender failed DMARC (or DKIM and SPF) at our receiving server: treated as unauthenticated");
        }
        Optional<TicketNumber> thread = threadOf(email);
        ExtractedIntake extracted = extractor.extract(Optional.of(stripReplyPrefixes(email.subject())), email.newText());
        IntakeDraft draft = draft(extracted);
        boolean escalate = EscalationRequest.asked(email.newText(), settings.escalationKeywords());
        String name = email.from().displayName().orElse("");
        Optional<io.guichet.core.account.Language> language = LanguageGuess.of(email.newText());
        CustomerCommand command = thread.<CustomerCommand>map(number -> new CustomerCommand.AddCustomerMessage(
                        from.get(), name, language, number, draft, email.newText(), escalate))
                .orElseGet(() -> new CustomerCommand.OpenTicket(from.get(), name, language, draft, escalate));
        CustomerOutcome outcome = ReplyContext.answering(email.messageId(), () -> desk.handle(command));
        return switch (outcome) {
            case CustomerOutcome.Opened opened -> {
                record(email, opened.ticket(), now);
                yield settled(position, Disposition.OPENED, Optional.of(opened.ticket().id()),
                        "opened " + opened.ticket().number());
            }
            case CustomerOutcome.Updated updated -> {
                record(email, updated.ticket(), now);
                yield settled(position, Disposition.UPDATED, Optional.of(updated.ticket().id()),
                        "added to " + updated.ticket().number());
            }
            case CustomerOutcome.Rejected rejected ->
                    settled(position, Disposition.REJECTED, Optional.empty(), rejected.problem().detail());
        };
    }

    /** R2: the tag in the subject names the ticket; else the thread headers name one of its messages. */
    private Optional<TicketNumber> threadOf(InboundEmail email) {
        Optional<TicketNumber> tagged = settings.tag().find(email.subject());
        if (tagged.isPresent()) {
            return tagged;
        }
        List<String> ids = new ArrayList<>(email.references());
        email.inReplyTo().ifPresent(ids::add);
        return journal.ticketOf(ids).flatMap(tickets::find).map(Ticket::number);
    }

    private void record(InboundEmail email, Ticket ticket, Instant now) {
        MDC.put("ticket", ticket.number().toString());
        List<ThreadMessage.StoredAttachment> attachments = email.attachments().stream()
                .map(a -> new ThreadMessage.StoredAttachment(a.filename(), a.contentType(), a.size(), a.content()))
                .toList();
        journal.recordMessage(new ThreadMessage(Optional.of(ticket.id()), ThreadMessage.Direction.IN, email.identity(),
                email.subject(), email.from().address(), email.newText(), now, attachments));
    }

    private Handled settled(MailPosition position, Disposition disposition, Optional<TicketId> ticket, String detail) {
        journal.settle(position, disposition, ticket, detail);
        LOG.info("mail at uid {}: {} {}", position.uid(), disposition, detail);
        return new Handled.Processed(disposition + ": " + detail);
    }

    private static IntakeDraft draft(ExtractedIntake e) {
        return new IntakeDraft(e.subject(), e.description(), e.severityText(), e.serverUrl(), e.module(),
                e.stepsToReproduce(), e.affectedDevices(), e.version());
    }

    private static String stripReplyPrefixes(String subject) {
        return subject.replaceAll("(?i)^(\\s*(re|tr|fw|fwd|aw|wg)\\s*(\\[\\d+])?\\s*:\\s*)+", "").strip();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
