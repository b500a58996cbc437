package io.guichet.mail.inbound;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.desk.CustomerCommand;
import io.guichet.core.desk.CustomerDesk;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.Received;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeReader;
import io.guichet.core.mail.Disposition;
import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailFailures;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.Transactions;
import io.guichet.core.port.Tx;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
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
 * the core a command with the mail as its ticket's thread keeps it (the desk records it there before it answers).
 * The answers the core decides on go to the outbox in the same transaction.
 *
 * <p>It never throws: any failure while handling a mail ({@link Throwable} included) rolls its transaction back and
 * is one failed attempt under the {@link FailurePolicy}, which quarantines the mail after the configured number of
 * attempts. A concurrent change on the ticket is not the mail's fault: it is retried later, not counted.
 */
public final class MailIntake implements MailHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    private final MimeParser parser;
    private final IntakeReader extractor = new IntakeExtractor();
    private final Transactions transactions;
    private final PerTransaction<MailJournal> journal;
    private final CustomerDesk desk;
    private final MailIntakeSettings settings;
    private final FailurePolicy failures;
    private final Clock clock;

    public MailIntake(MimeParser parser, Transactions transactions, PerTransaction<MailJournal> journal, MailFailures failures,
                      CustomerDesk desk, MailIntakeSettings settings, Clock clock) {
        this.parser = parser;
        this.transactions = transactions;
        this.journal = journal;
        this.desk = desk;
        this.settings = settings;
        this.failures = new FailurePolicy(transactions, journal, failures, settings.maxAttempts(), clock);
        this.clock = clock;
    }

    /**
     * Handles one mail. Its correlation id is the one the watcher gave it (in the log context), so every line about
     * the mail, from its download to its answer's place in the outbox, carries the same id; a caller without one
     * (a test, a command) gets a new one.
     */
    @Override
    public Handled handle(byte[] raw, MailPosition position) {
        Optional<String> given = Optional.ofNullable(MDC.get("correlationId"));
        String correlationId = given.orElseGet(() -> UUID.randomUUID().toString().substring(0, 8));
        MDC.put("channel", "mail");
        MDC.put("correlationId", correlationId);
        try {
            return switch (parser.parse(raw)) {
                case ParseResult.Unparseable u -> failures.quarantine(position, Envelope.read(raw), sha256(raw),
                        u.reason());
                case ParseResult.Parsed p -> {
                    p.email().messageId().ifPresent(id -> MDC.put("messageId", id.value()));
                    yield transactions.inTransaction(tx -> {
                        Mail mail = new Mail(tx);
                        Handled handled = mail.handle(p.email(), position, correlationId);
                        settings.mailbox().ifPresent(address -> mail.journal.cameThrough(address, correlationId, position));
                        return handled;
                    });
                }
            };
        } catch (HandleAgain e) {
            LOG.info("mail at uid {} met a concurrent change on ticket {}; it will be handled again", position.uid(),
                    e.change.ticket());
            return new Handled.RetryLater("the ticket changed meanwhile");
        } catch (Throwable e) { // any failure of this mail counts, errors included: nothing must jam the mailbox
            return failures.failed(position, Envelope.read(raw), e, correlationId);
        } finally {
            if (given.isEmpty()) {
                MDC.remove("channel");
                MDC.remove("correlationId");
            }
            MDC.remove("ticket");
            MDC.remove("messageId");
        }
    }

    @Override
    public Handled oversize(MailPosition position, Envelope envelope) {
        String hash = sha256((position.mailbox() + "/" + position.uidValidity() + "/" + position.uid() + "/"
                + envelope.messageId().map(MessageId::value).orElse("")).getBytes(StandardCharsets.UTF_8));
        try {
            return failures.quarantine(position, envelope, hash,
                    "message of " + envelope.size() + " bytes is over the size limit");
        } catch (Throwable e) {
            return failures.failed(position, envelope, e, UUID.randomUUID().toString().substring(0, 8));
        }
    }

    @Override
    public Handled failed(MailPosition position, Envelope envelope, String reason) {
        return failures.failed(position, envelope, reason);
    }

    /** One mail's handling, in its transaction {@code tx}. */
    private final class Mail {

        private final Tx tx;
        private final MailJournal journal;

        private Mail(Tx tx) {
            this.tx = tx;
            this.journal = MailIntake.this.journal.in(tx);
        }

        private Handled handle(InboundEmail email, MailPosition position, String correlationId) {
            Instant now = clock.instant();
            InboundReceipt receipt = new InboundReceipt(position, email.messageId(), email.contentHash(),
                    email.from().address(), email.subject(), email.rawSize(), now);
            if (!journal.recordReceipt(receipt)) {
                LOG.info("mail at uid {} was already handled", position.uid());
                return new Handled.Processed("already handled");
            }
            // R2: another mail (another sender or content) under a Message-ID already seen is a new mail, never dropped;
            // in the thread it goes by its content hash, as mail without a Message-ID does
            MessageId identity = email.identity();
            if (journal.messageIdReused(receipt)) {
                LOG.warn("mail at uid {} reuses the Message-ID {} of another mail (another sender or content): handled as "
                        + "a new mail", position.uid(), email.messageId().map(MessageId::inBrackets).orElse(""));
                identity = MessageId.ofContent(email.contentHash());
            }
            return switch (MailClassifier.classify(email, settings.classifier())) {
                case Classification.AutoReply auto -> settled(position, Disposition.AUTO_REPLY, Optional.empty(), auto.reason());
                case Classification.OwnMail own -> settled(position, Disposition.LOOP, Optional.empty(), own.reason());
                case Classification.Bounce bounce -> bounce(position, bounce, now);
                case Classification.Human human -> human(email, identity, position, now, correlationId);
            };
        }

        /** RFC 3464: recorded on the ticket whose mail bounced, never answered. */
        private Handled bounce(MailPosition position, Classification.Bounce bounce, Instant now) {
            Optional<TicketId> ticket = bounce.originalMessageId().flatMap(id -> journal.ticketOf(List.of(id)));
            String detail = "delivery to " + bounce.recipient().orElse("?") + " failed: " + bounce.status().orElse("?");
            ticket.ifPresent(id -> desk.bounced(tx, id, detail));
            return settled(position, Disposition.BOUNCE, ticket, detail);
        }

        private Handled human(InboundEmail email, MessageId identity, MailPosition position, Instant now,
                              String correlationId) {
            Optional<EmailAddress> from = EmailAddress.parse(email.from().address());
            if (from.isEmpty()) {
                return settled(position, Disposition.REJECTED, Optional.empty(), "sender address is unusable");
            }
            switch (AuthenticationVerdict.of(email, settings.trustedAuthservId())) {
                case FAIL -> {
                    LOG.warn("mail from a {} address failed DMARC; not answered", from.get().domain());
                    return settled(position, Disposition.REJECTED, Optional.empty(),
                            "sender failed DMARC at our receiving server: treated as unauthenticated");
                }
                case UNVERIFIED -> LOG.info("mail at uid {}: nothing aligned with its {} sender passed at our receiving "
                        + "server; handled as unverified", position.uid(), from.get().domain());
                case PASS, NONE -> {
                }
            }
            Optional<TicketNumber> thread = threadOf(email);
            if (thread.isEmpty()) {
                List<ThreadMessage> exchanged = journal.exchangedWith(from.get().value(), now.minus(ConversationLoop.WINDOW));
                if (ConversationLoop.of(exchanged, email.newText(), now) instanceof ConversationLoop.Verdict.Loop loop) {
                    return loopStopped(email, identity, from.get(), loop, position, now);
                }
            }
            IntakeDraft draft = extractor.read(Optional.of(settings.tag().strip(stripReplyPrefixes(email.subject()))),
                    email.newText());
            boolean escalate = EscalationRequest.asked(email.subject(), email.newText(), settings.escalationKeywords());
            String name = email.from().displayName().orElse("");
            Optional<io.guichet.core.account.Language> language = LanguageGuess.of(email.newText())
                    .or(settings::defaultLanguage);
            Received received = new Received(email.messageId(), entry(email, identity, now), correlationId);
            CustomerCommand command = thread.<CustomerCommand>map(number -> new CustomerCommand.AddCustomerMessage(
                            from.get(), name, language, number, draft, email.newText(), escalate,
                            received.entry().attachments()))
                    .orElseGet(() -> new CustomerCommand.OpenTicket(from.get(), name, language, draft, escalate,
                            received.entry().attachments()));
            CustomerOutcome outcome = thread.filter(number -> asksForPageLink(email.subject(), number)).isPresent()
                    ? desk.pageLinkRequested(tx, from.get(), thread.get(), received)
                    : desk.handle(tx, command, received);
            return switch (outcome) {
                case CustomerOutcome.Opened opened -> {
                    MDC.put("ticket", opened.ticket().number().toString());
                    attachmentsLost(email, from.get(), opened.ticket(), received);
                    yield settled(position, Disposition.OPENED, Optional.of(opened.ticket().id()),
                            "opened " + opened.ticket().number());
                }
                case CustomerOutcome.Updated updated -> {
                    MDC.put("ticket", updated.ticket().number().toString());
                    attachmentsLost(email, from.get(), updated.ticket(), received);
                    yield settled(position, Disposition.UPDATED, Optional.of(updated.ticket().id()),
                            "added to " + updated.ticket().number());
                }
                case CustomerOutcome.Rejected rejected ->
                        settled(position, Disposition.REJECTED, Optional.empty(), rejected.problem().detail());
                // nothing of this mail may be kept: its receipt rolls back with the rest, and it is handled again later
                case ConcurrentChange change -> throw new HandleAgain(change);
            };
        }

        /**
         * A loop of new conversations with an autoresponder: the mail is recorded (on no ticket) and not answered; the
         * staff hear of the first one stopped.
         */
        private Handled loopStopped(InboundEmail email, MessageId identity, EmailAddress from, ConversationLoop.Verdict.Loop loop,
                                    MailPosition position, Instant now) {
            journal.recordMessage(new ThreadMessage(Optional.empty(), ThreadMessage.Direction.IN, identity, email.subject(),
                    email.from().address(), email.newText(), now, List.of()));
            String detail = "a loop with an autoresponder: " + from.value() + " sent new mail near-identical to the mail"
                    + " that opened " + loop.tickets() + " tickets, each right after our answer; recorded, not answered";
            if (loop.first()) {
                LOG.warn("mail at uid {}: {}; the staff are told", position.uid(), detail);
                desk.loopStopped(tx, loop.lastTicket(), from.value() + " sent the same new mail again right after each of our"
                        + " answers: " + loop.tickets() + " tickets opened, its further mail is recorded and not answered");
            }
            return settled(position, Disposition.LOOP, Optional.empty(), detail);
        }

        /** R2: the tag in the subject names the ticket; else the thread headers name one of its messages. */
        private Optional<TicketNumber> threadOf(InboundEmail email) {
            Optional<TicketNumber> tagged = settings.tag().find(email.subject());
            if (tagged.isPresent()) {
                return tagged;
            }
            List<MessageId> ids = new ArrayList<>(email.references());
            email.inReplyTo().ifPresent(ids::add);
            return journal.ticketOf(ids).flatMap(id -> desk.numberOf(tx, id));
        }

        /** Partial damage stays partial: the ticket and the sender hear which attachment was lost, and why. */
        private void attachmentsLost(InboundEmail email, EmailAddress from, Ticket ticket, Received received) {
            List<String> lost = email.attachments().stream().filter(a -> a.unreadable().isPresent())
                    .map(a -> (a.filename().isBlank() ? "(no name)" : a.filename()) + ": " + a.unreadable().get())
                    .toList();
            desk.attachmentsLost(tx, ticket.id(), from, lost, received);
        }

        /** The mail as its ticket's thread keeps it; the desk places it on the ticket before it answers. */
        private static ThreadMessage entry(InboundEmail email, MessageId identity, Instant now) {
            List<ThreadMessage.StoredAttachment> attachments = email.attachments().stream()
                    .map(a -> new ThreadMessage.StoredAttachment(a.filename(), a.contentType(), a.size(), a.content(),
                            a.unreadable()))
                    .toList();
            return new ThreadMessage(Optional.empty(), ThreadMessage.Direction.IN, identity, email.subject(),
                    email.from().address(), email.newText(), now, attachments);
        }

        private Handled settled(MailPosition position, Disposition disposition, Optional<TicketId> ticket, String detail) {
            journal.settle(position, disposition, ticket, detail);
            LOG.info("mail at uid {}: {} {}", position.uid(), disposition, detail);
            return new Handled.Processed(disposition + ": " + detail);
        }
    }

    /**
     * A mail on {@code ticket} whose subject, without reply prefixes and the ticket's tag, is only {@code link} or
     * {@code lien}: the contact asks for a fresh link to the ticket's page and the log of accesses to their server (R7).
     */
    private boolean asksForPageLink(String subject, TicketNumber ticket) {
        String bare = settings.tag().strip(stripReplyPrefixes(subject)).toLowerCase(java.util.Locale.ROOT);
        return PAGE_LINK_WORDS.contains(bare);
    }

    /** The subjects that ask for a ticket's page link and access log (docs/web.md). */
    public static final java.util.Set<String> PAGE_LINK_WORDS = java.util.Set.of("link", "lien");

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

    /** Leaves the mail's transaction so that it rolls back whole: the desk met a concurrent change. */
    private static final class HandleAgain extends RuntimeException {
        private final ConcurrentChange change;

        private HandleAgain(ConcurrentChange change) {
            super("ticket " + change.ticket() + " changed concurrently", null, false, false);
            this.change = change;
        }
    }
}
