package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.account.Account;
import io.guichet.core.account.Contact;
import io.guichet.core.account.Coverage;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.intake.IntakeReport;
import io.guichet.core.intake.IntakeRules;
import io.guichet.core.port.ContactDirectory.ContactWithAccount;
import io.guichet.core.port.Tx;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Lifecycle;
import io.guichet.core.ticket.NewTicket;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketEvent;
import io.guichet.core.ticket.TicketFields;
import io.guichet.core.ticket.TicketId;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.ticket.Transition;
import io.guichet.core.ticket.TransitionResult;
import io.guichet.core.version.ProductOfRequest;
import io.guichet.core.version.SupportWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The customer's side of the desk: opening tickets and adding messages to them. Checks the sender (R10), the
 * account's coverage (R1), the intake (R4, R5) and the version's support window (R20), applies the lifecycle,
 * and tells the customer and the staff what they must hear, all in one transaction.
 */
public final class CustomerDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerDesk.class);

    private final DeskPorts ports;
    private final IntakeRules intake;
    private final SupportWindow supportWindow;

    public CustomerDesk(DeskPorts ports) {
        this.ports = ports;
        this.intake = new IntakeRules(ports.policy());
        this.supportWindow = new SupportWindow(ports.policy().previousVersionSupport());
    }

    /** Handles {@code command} in a transaction of its own. */
    public CustomerOutcome handle(CustomerCommand command) {
        try {
            return ports.inTransaction(desk -> new Call(desk, Optional.empty()).handle(command));
        } catch (RolledBack rolledBack) {
            return concurrent(rolledBack);
        }
    }

    /**
     * Handles {@code command}, which came as the channel's message {@code received}, in the channel's transaction
     * {@code tx}: the message is kept in the conversation of the ticket it opens or reaches before anything is said in
     * answer (a refused command keeps nothing), and what the desk tells the customer in return answers it. On a
     * {@link ConcurrentChange} nothing was written; the caller rolls its transaction back.
     */
    public CustomerOutcome handle(Tx tx, CustomerCommand command, Received received) {
        try {
            return new Call(ports.in(tx), Optional.of(received)).handle(command);
        } catch (RolledBack rolledBack) {
            return concurrent(rolledBack);
        }
    }

    private static ConcurrentChange concurrent(RolledBack rolledBack) {
        LOG.info("ticket {} changed meanwhile: the customer's message was not taken, nothing was kept",
                rolledBack.change().ticket());
        return rolledBack.change();
    }

    /**
     * RFC 3464: our mail on {@code ticket} bounced; recorded in its audit trail (in the caller's transaction), never
     * answered.
     */
    public void bounced(Tx tx, TicketId ticket, String detail) {
        ports.in(tx).tickets().append(List.of(TicketEvent.fact(ticket, ports.clock().instant(),
                Actor.SYSTEM, EventKind.BOUNCE, detail)));
    }

    /**
     * Attachments of a customer's mail on {@code ticket} could not be read (the rest of the mail was handled): the
     * ticket's history records which and why, for the staff, and the sender is told in answer to the mail
     * ({@code received}), so they can send them again. In the caller's transaction.
     */
    public void attachmentsLost(Tx tx, TicketId ticket, EmailAddress from, List<String> lost, Received received) {
        if (lost.isEmpty()) {
            return;
        }
        DeskContext desk = ports.in(tx);
        desk.tickets().find(ticket).ifPresent(found -> {
            desk.tickets().append(List.of(TicketEvent.fact(ticket, ports.clock().instant(), Actor.SYSTEM,
                    EventKind.NOTE, "attachment" + (lost.size() == 1 ? "" : "s") + " of the customer's mail lost: "
                            + String.join("; ", lost))));
            desk.contacts().activeContact(from).ifPresent(contact -> desk.messenger().tellAll(
                    List.of(new CustomerNotice.AttachmentsLost(Recipient.of(contact), found, lost)), Optional.of(received)));
        });
    }

    /**
     * A channel stopped a loop of new conversations (a naive autoresponder) whose last ticket is {@code lastTicket}:
     * the staff hear of it, in the caller's transaction.
     */
    public void loopStopped(Tx tx, TicketId lastTicket, String detail) {
        DeskContext desk = ports.in(tx);
        desk.tickets().find(lastTicket)
                .ifPresent(ticket -> desk.staff().post(new StaffNotice.LoopStopped(ticket, detail)));
    }

    /**
     * A contact asks, in a message on {@code number} ({@code received}), for a fresh link to the ticket's page and the
     * log of the accesses to their server (R7): both are told in answer (the message is kept, the ticket's history
     * records the request); nothing else changes. Someone without access to the ticket is refused as for any message.
     */
    public CustomerOutcome pageLinkRequested(Tx tx, EmailAddress from, TicketNumber number, Received received) {
        DeskContext desk = ports.in(tx);
        Optional<Ticket> found = desk.tickets().find(number);
        Optional<Contact> sender = desk.contacts().activeContact(from);
        if (found.isEmpty() || sender.isEmpty() || !sender.get().accountId().equals(found.get().accountId())) {
            desk.messenger().tellAll(List.of(new CustomerNotice.NoAccess(sender.map(Recipient::of)
                    .orElseGet(() -> new Recipient(from, "", Language.EN)), number)), Optional.of(received));
            LOG.warn("page link on ticket {} refused: sender has no access", number);
            return new CustomerOutcome.Rejected(Problem.notAllowed("ticket",
                    "The sender is not an authorized contact of the account of ticket " + number + " (R10)."));
        }
        Ticket ticket = found.get();
        Instant now = ports.clock().instant();
        desk.messenger().received(received.entry().on(ticket.id()));
        List<TicketEvent> events = desk.tickets().events(ticket.id());
        List<CustomerPages.ServerAccess> accesses = events.stream()
                .filter(e -> e.kind() == EventKind.SERVER_ACCESS)
                .map(e -> new CustomerPages.ServerAccess(e.at(),
                        e.actor() instanceof Actor.Staff s ? s.name() : e.actor().label(), e.detail()))
                .toList();
        desk.tickets().append(List.of(TicketEvent.fact(ticket.id(), now, new Actor.Customer(from),
                EventKind.CUSTOMER_MESSAGE, "asked for the page link and the server-access log (R7)")));
        desk.messenger().tellAll(List.of(new CustomerNotice.PageLinkAndAccessLog(Recipient.of(sender.get()), ticket,
                accesses)), Optional.of(received));
        LOG.info("ticket {}: page link and server-access log sent on request", number);
        return new CustomerOutcome.Updated(ticket);
    }

    /** The number of the ticket with this id, for a channel that threads by its own records, in its transaction. */
    public Optional<TicketNumber> numberOf(Tx tx, TicketId ticket) {
        return ports.in(tx).tickets().find(ticket).map(Ticket::number);
    }

    /**
     * The handling of one command: the message it came in is kept on its ticket first; what it tells the customer
     * answers that message (its id passed explicitly to the messenger so the answer threads on it).
     */
    private final class Call {

        private final DeskContext desk;
        private final TicketChanges changes;
        private final Optional<Received> received;

        private Call(DeskContext desk, Optional<Received> received) {
            this.desk = desk;
            this.changes = new TicketChanges(desk);
            this.received = received;
        }

        private CustomerOutcome handle(CustomerCommand command) {
            return switch (command) {
                case CustomerCommand.OpenTicket open -> open(open);
                case CustomerCommand.AddCustomerMessage message -> addMessage(message);
            };
        }

        private void keep(TicketId ticket) {
            received.ifPresent(r -> desk.messenger().received(r.entry().on(ticket)));
        }

        private void tell(CustomerNotice notice) {
            desk.messenger().tellAll(List.of(notice), received);
        }

        private CustomerOutcome open(CustomerCommand.OpenTicket command) {
            Optional<ContactWithAccount> sender = authorizedSender(command);
            if (sender.isEmpty()) {
                return unknownSender(command);
            }
            Contact contact = sender.get().contact();
            Account account = sender.get().account();
            Coverage coverage = coverageOf(account);
            if (!coverage.anyOn(desk.today())) {
                return notCovered(contact, account);
            }
            Optional<String> uncovered = coverage.allProductsOn(desk.today()) ? Optional.empty()
                    : uncoveredProduct(coverage, intake.evaluate(command.draft()).accepted());
            if (uncovered.isPresent()) {
                return notCoveredFor(contact, account, uncovered.get());
            }
            return openFor(contact, command.draft(), command.asksEscalation(), Optional.empty(), command.attachments());
        }

        private CustomerOutcome openFor(Contact contact, IntakeDraft draft, boolean asksEscalation,
                                        Optional<Ticket> previous,
                                        List<io.guichet.core.mail.ThreadMessage.StoredAttachment> attachments) {
            Instant now = ports.clock().instant();
            IntakeReport report = intake.evaluate(draft);
            TicketStatus status = report.complete() ? TicketStatus.OPEN : TicketStatus.AWAITING_INFO;
            Ticket.Due due = report.complete()
                    ? changes.firstResponseDue(report.accepted().severity().orElseThrow(), now)
                    : Ticket.Due.none();
            boolean escalate = asksEscalation || report.accepted().severity().filter(s -> s == Severity.S1).isPresent();
            Ticket created = desk.tickets().create(new NewTicket(
                    new Ticket.Requester(contact.accountId(), contact.id(), contact.certifiedUntil()),
                    new Ticket.Request(report.accepted(), report.accepted().severity(), previous.map(Ticket::id)),
                    new Ticket.State(status, Optional.empty(), Optional.empty(), escalate),
                    due, Ticket.Timeline.startingAt(now)));
            keep(created.id());
            Actor actor = new Actor.Customer(contact.email());
            List<TicketEvent> events = new ArrayList<>();
            events.add(new TicketEvent(created.id(), now, actor, EventKind.CREATED, Optional.empty(), Optional.of(status),
                    previous.map(p -> "follows closed ticket " + p.number()).orElse("")));
            if (escalate) {
                events.add(TicketEvent.fact(created.id(), now, Actor.SYSTEM, EventKind.ESCALATED,
                        asksEscalation ? "R18: customer asked for escalation" : "R18: severity 1 escalates automatically"));
            }
            desk.tickets().append(events);
            // the opening post carries the request's files
            desk.staff().postAll(ThreadPosts.of(created, events).stream()
                    .map(n -> n instanceof StaffNotice.ThreadPost post && post.event() == EventKind.CREATED
                            ? new StaffNotice.ThreadPost(post.ticket(), post.event(), post.actor(), post.text(),
                            attachments, post.asPosted())
                            : n)
                    .toList());
            changes.replan(created);

            Optional<SupportWindow.Verdict.Unsupported> unsupported = created.fields().version()
                    .map(v -> supportWindow.judge(v, desk.versions().all(), ports.today()))
                    .filter(SupportWindow.Verdict.Unsupported.class::isInstance)
                    .map(SupportWindow.Verdict.Unsupported.class::cast);
            tell(new CustomerNotice.Acknowledged(Recipient.of(contact), created, report.missing(),
                    report.problems(), unsupported, previous.map(Ticket::number)));
            if (created.severity().filter(s -> s == Severity.S1).isPresent()) {
                desk.staff().post(new StaffNotice.NewSeverityOne(created));
            }
            if (escalate) {
                desk.staff().post(new StaffNotice.Escalation(created, asksEscalation
                        ? "the customer asked for escalation" : "severity 1"));
            }
            LOG.info("ticket {} opened by {} as {}{}", created.number(), actor.label(), status,
                    report.complete() ? "" : " missing " + report.missing());
            return new CustomerOutcome.Opened(created, report, previous.map(Ticket::number));
        }

        private CustomerOutcome addMessage(CustomerCommand.AddCustomerMessage command) {
            Optional<Ticket> found = desk.tickets().find(command.ticket());
            Optional<ContactWithAccount> sender = authorizedSender(command);
            if (found.isEmpty() || sender.isEmpty()
                    || !sender.get().contact().accountId().equals(found.get().accountId())) {
                return noAccess(command, sender.map(ContactWithAccount::contact));
            }
            Ticket ticket = found.get();
            Contact contact = sender.get().contact();
            Account account = sender.get().account();
            Instant now = ports.clock().instant();
            if (ticket.status() == TicketStatus.CLOSED || reopenWindowOver(ticket, now)) {
                return followUp(ticket, contact, account, command);
            }
            Coverage coverage = coverageOf(account);
            if (!coverage.anyOn(desk.today())) {
                return notCovered(contact, account);
            }
            if (ticket.status() != TicketStatus.AWAITING_INFO) {
                // R1: the product was told when the ticket opened or later; an awaiting ticket is settled below
                Optional<String> uncovered = uncoveredProduct(coverage, ticket.fields());
                if (uncovered.isPresent()) {
                    return notCoveredFor(contact, account, uncovered.get());
                }
            }
            keep(ticket.id());
            Actor actor = new Actor.Customer(contact.email());
            List<TicketEvent> events = new ArrayList<>();
            events.add(TicketEvent.fact(ticket.id(), now, actor, EventKind.CUSTOMER_MESSAGE, excerpt(command.text())));
            List<Function<Ticket, CustomerNotice>> notices = new ArrayList<>();
            Ticket changed = switch (ticket.status()) {
                case AWAITING_INFO -> supplyInformation(ticket, contact, coverage, account, command, now, events, notices);
                case WAITING_ON_CUSTOMER -> {
                    Ticket moved = apply(ticket, new Transition.CustomerReplied(), actor, now, events);
                    yield moved.withDue(changes.customerWrote(moved, now), now);
                }
                case ON_HOLD -> {
                    Ticket moved = apply(ticket, new Transition.Resume(), actor, now, events);
                    yield moved.withDue(changes.customerWrote(moved, now), now);
                }
                case RESOLVED -> {
                    if (!intake.evaluate(ticket.fields(), IntakeDraft.empty()).complete()) {
                        yield reopenAwaitingInfo(ticket, contact, coverage, account, command, now, events, notices);
                    }
                    Ticket moved = apply(ticket, new Transition.Reopen(), actor, now, events);
                    notices.add(t -> new CustomerNotice.Reopened(Recipient.of(contact), t));
                    yield moved.withDue(changes.customerWrote(moved, now), now);
                }
                case OPEN, IN_PROGRESS -> ticket.withDue(changes.customerWrote(ticket, now), now);
                case CLOSED -> throw new IllegalStateException("closed tickets are followed up above");
            };
            if (command.asksEscalation() && !changed.escalated()) {
                changed = changed.escalatedAt(now);
                events.add(TicketEvent.fact(ticket.id(), now, actor, EventKind.ESCALATED, "R18: customer asked for escalation"));
                notices.add(t -> new CustomerNotice.Escalated(Recipient.of(contact), t));
            }
            Ticket saved = changes.save(changed, events)
                    .orElseThrow(() -> new RolledBack(new ConcurrentChange(ticket.number())));
            notices.forEach(n -> tell(n.apply(saved)));
            desk.staff().post(new StaffNotice.ThreadPost(saved, EventKind.CUSTOMER_MESSAGE, actor.label(), command.text(),
                    command.attachments(), Optional.empty()));
            if (command.asksEscalation() && !ticket.escalated()) {
                desk.staff().post(new StaffNotice.Escalation(saved, "the customer asked for escalation"));
            }
            LOG.info("ticket {}: message from {}, {} -> {}", saved.number(), actor.label(), ticket.status(), saved.status());
            return new CustomerOutcome.Updated(saved);
        }

        /** R5: the reply may supply the missing fields; complete -> the queue by itself, else ask again for the rest. */
        private Ticket supplyInformation(Ticket ticket, Contact contact, Coverage coverage, Account account,
                                         CustomerCommand.AddCustomerMessage command,
                                         Instant now, List<TicketEvent> events,
                                         List<Function<Ticket, CustomerNotice>> notices) {
            IntakeReport report = intake.evaluate(ticket.fields(), keepSubjectAndDescription(ticket, command.draft()));
            Ticket updated = ticket.withFields(report.accepted(), now);
            if (!updated.fields().equals(ticket.fields())) {
                events.add(TicketEvent.fact(ticket.id(), now, new Actor.Customer(contact.email()), EventKind.FIELDS_UPDATED,
                        "intake fields supplied"));
            }
            Optional<String> uncovered = uncoveredProduct(coverage, updated.fields());
            if (uncovered.isPresent()) {
                return declineUncovered(updated, contact, account, uncovered.get(), now, events, notices);
            }
            if (!report.complete()) {
                notices.add(t -> new CustomerNotice.StillMissing(Recipient.of(contact), t, report.missing(), report.problems()));
                return updated.waitingSince(now);
            }
            Ticket open = apply(updated, new Transition.CompleteIntake(), Actor.SYSTEM, now, events);
            Severity severity = open.severity().orElseThrow();
            open = open.withDue(changes.firstResponseDue(severity, now), now);
            notices.add(t -> new CustomerNotice.IntakeComplete(Recipient.of(contact), t));
            if (severity == Severity.S1 && !open.escalated()) {
                open = open.escalatedAt(now);
                events.add(TicketEvent.fact(ticket.id(), now, Actor.SYSTEM, EventKind.ESCALATED,
                        "R18: severity 1 escalates automatically"));
                desk.staff().post(new StaffNotice.NewSeverityOne(open));
            }
            return open;
        }

        /**
         * R5 after R13: a resolved ticket that still lacks required fields (resolved while waiting for them) goes back
         * to waiting for them when the customer writes, not to the queue; the reply may supply them, and the customer
         * is told what is still missing, or that the ticket is in the queue.
         */
        private Ticket reopenAwaitingInfo(Ticket ticket, Contact contact, Coverage coverage, Account account,
                                          CustomerCommand.AddCustomerMessage command,
                                          Instant now, List<TicketEvent> events,
                                          List<Function<Ticket, CustomerNotice>> notices) {
            Ticket waiting = apply(ticket, new Transition.ReopenAwaitingInfo(), new Actor.Customer(contact.email()), now,
                    events);
            return supplyInformation(waiting.withDue(changes.paused(waiting), now), contact, coverage, account, command,
                    now, events, notices);
        }

        /**
         * R1: the reply told the product of a ticket opened before it could be told, and the account is not covered
         * for it: the ticket is declined (resolved as outside support, R12f: a licensing matter, with the reason in
         * its history) and the customer hears which product and whom to ask. The message is kept on the ticket.
         */
        private Ticket declineUncovered(Ticket ticket, Contact contact, Account account, String product, Instant now,
                                        List<TicketEvent> events, List<Function<Ticket, CustomerNotice>> notices) {
            Ticket declined = apply(ticket, new Transition.Resolve(ResolutionReason.OUT_OF_SCOPE), Actor.SYSTEM, now,
                    events);
            TicketEvent resolved = events.remove(events.size() - 1);
            events.add(new TicketEvent(resolved.ticketId(), resolved.at(), resolved.actor(), resolved.kind(),
                    resolved.from(), resolved.to(), "declined at intake: R1: " + account.name()
                    + " is not covered for " + product + "; " + resolved.detail()));
            notices.add(t -> new CustomerNotice.NotCovered(Recipient.of(contact), account.name(), account.manager(),
                    Optional.of(product), Optional.of(t)));
            LOG.info("ticket {} declined: account {} is not covered for {}", ticket.number(), account.id().value(), product);
            return declined;
        }

        /** A reply adds to the ticket; it does not replace the subject or description the customer already gave. */
        private static IntakeDraft keepSubjectAndDescription(Ticket ticket, IntakeDraft draft) {
            IntakeDraft kept = draft;
            if (!ticket.fields().subject().isBlank()) {
                kept = kept.with(IntakeField.SUBJECT, null);
            }
            if (!ticket.fields().description().isBlank()) {
                kept = kept.with(IntakeField.DESCRIPTION, null);
            }
            return kept;
        }

        /** R13: a closed ticket is never reopened; the problem came back, so a new ticket linked to the old one opens. */
        private CustomerOutcome followUp(Ticket closed, Contact contact, Account account,
                                         CustomerCommand.AddCustomerMessage command) {
            Coverage coverage = coverageOf(account);
            if (!coverage.anyOn(desk.today())) {
                return notCovered(contact, account);
            }
            IntakeDraft draft = command.draft();
            if (draft.subject().isEmpty()) {
                draft = draft.with(IntakeField.SUBJECT, closed.fields().subject());
            }
            if (draft.description().isEmpty() && !command.text().isBlank()) {
                draft = draft.with(IntakeField.DESCRIPTION, command.text());
            }
            Optional<String> uncovered = coverage.allProductsOn(desk.today()) ? Optional.empty()
                    : uncoveredProduct(coverage, intake.evaluate(draft).accepted());
            if (uncovered.isPresent()) {
                return notCoveredFor(contact, account, uncovered.get());
            }
            return openFor(contact, draft, command.asksEscalation(), Optional.of(closed), command.attachments());
        }

        private boolean reopenWindowOver(Ticket ticket, Instant now) {
            return ticket.status() == TicketStatus.RESOLVED
                    && ticket.resolvedAt().map(at -> !now.isBefore(at.plus(ports.policy().reopenWindow()))).orElse(false);
        }

        private Ticket apply(Ticket ticket, Transition transition, Actor actor, Instant now, List<TicketEvent> events) {
            return switch (Lifecycle.apply(ticket, transition, actor, now)) {
                case TransitionResult.Applied applied -> {
                    events.add(applied.event());
                    yield applied.ticket();
                }
                case TransitionResult.Refused refused ->
                        throw new IllegalStateException("lifecycle refused a customer move: " + refused.problem().detail());
            };
        }

        /** R10 and R1 in one read: the sender as an active contact, with its account and coverage. */
        private Optional<ContactWithAccount> authorizedSender(CustomerCommand command) {
            return desk.contacts().activeContactWithAccount(command.from());
        }

        private CustomerOutcome unknownSender(CustomerCommand command) {
            Language language = command.language().orElse(Language.EN);
            tell(new CustomerNotice.UnknownSender(
                    new Recipient(command.from(), command.senderName(), language)));
            LOG.warn("message from {} refused: not an authorized contact", command.from().domain());
            return new CustomerOutcome.Rejected(Problem.notAllowed("from",
                    command.from() + " is not an authorized contact of a customer account (R10)."));
        }

        private CustomerOutcome notCovered(Contact contact, Account account) {
            tell(new CustomerNotice.NotCovered(Recipient.of(contact), account.name(), account.manager()));
            LOG.info("message from a contact of account {} refused: coverage ended {}", account.id().value(),
                    account.coverageEndsOn().map(Object::toString).orElse("(never covered)"));
            return new CustomerOutcome.Rejected(Problem.notAllowed("account",
                    "The support coverage of " + account.name() + " is not active (R1)."));
        }

        /**
         * R1: the account's coverage; its coverage per product is read only when the coverage for all products does
         * not cover today (every account covered as before the coverage per product costs no read).
         */
        private Coverage coverageOf(Account account) {
            return account.coveredOn(desk.today())
                    ? new Coverage(account.coverageEndsOn(), List.of())
                    : Coverage.of(account, desk.contacts().productCoverage(account.id()));
        }

        /**
         * R1: the product the request is about (its version or module, {@link ProductOfRequest}) when the account is
         * not covered for it today; empty when covered, or when the product cannot be told yet (it is settled when
         * the field arrives).
         */
        private Optional<String> uncoveredProduct(Coverage coverage, TicketFields fields) {
            if (coverage.allProductsOn(desk.today()) || (fields.version().isEmpty() && fields.module().isEmpty())) {
                return Optional.empty();
            }
            return ProductOfRequest.of(fields, desk.versions().all())
                    .filter(product -> !coverage.covers(product, desk.today()));
        }

        private CustomerOutcome notCoveredFor(Contact contact, Account account, String product) {
            tell(new CustomerNotice.NotCovered(Recipient.of(contact), account.name(), account.manager(),
                    Optional.of(product), Optional.empty()));
            LOG.info("message from a contact of account {} refused: not covered for {}", account.id().value(), product);
            return new CustomerOutcome.Rejected(Problem.notAllowed("product",
                    "The support coverage of " + account.name() + " does not include " + product + " (R1)."));
        }

        private CustomerOutcome noAccess(CustomerCommand.AddCustomerMessage command, Optional<Contact> sender) {
            Recipient to = sender.map(Recipient::of).orElseGet(() -> new Recipient(command.from(), command.senderName(),
                    command.language().orElse(Language.EN)));
            tell(new CustomerNotice.NoAccess(to, command.ticket()));
            LOG.warn("message on ticket {} refused: sender has no access", command.ticket());
            return new CustomerOutcome.Rejected(Problem.notAllowed("ticket",
                    "The sender is not an authorized contact of the account of ticket " + command.ticket() + " (R10)."));
        }

        private static String excerpt(String text) {
            String oneLine = text.strip().replaceAll("\\s+", " ");
            return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 197) + "...";
        }
    }
}
