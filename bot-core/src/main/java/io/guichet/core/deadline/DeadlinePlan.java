package io.guichet.core.deadline;

import io.guichet.core.policy.PolicySettings;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the deadlines a ticket must have from its state alone (pure: no clock, no store). Waiting on the
 * customer (a question or missing intake information): reminders at the configured offsets, then the automatic
 * resolution (R12a); a severity-1 question also gets the answer timeout (R11, R17): the always-available contacts
 * are asked after one timeout, the ticket lowered one timeout after they were asked. Resolved: the end of the reopen
 * window (R13). Open or in progress: the pending response targets (R15, R16), already timed on the ticket's service
 * calendar. On hold (R9) and closed: none. Customer-side times count in plain elapsed time from
 * {@link Ticket#statusSince()}.
 */
public final class DeadlinePlan {

    private final PolicySettings policy;

    public DeadlinePlan(PolicySettings policy) {
        this.policy = policy;
    }

    public List<PlannedDeadline> of(Ticket ticket) {
        List<PlannedDeadline> plan = new ArrayList<>();
        switch (ticket.status()) {
            case AWAITING_INFO -> customerClock(ticket.statusSince(), plan);
            case WAITING_ON_CUSTOMER -> {
                customerClock(ticket.statusSince(), plan);
                if (ticket.severity().filter(s -> s == Severity.S1).isPresent()) {
                    // R11: step 0 asks the account's always-available contacts (or lowers at once when it has
                    // none); once they were asked (recorded on the ticket), step 1 lowers the ticket one timeout
                    // after that: their own deadline, even when the asking itself came late (the node was down)
                    Duration timeout = policy.severityOneAnswerTimeout();
                    plan.add(ticket.availabilityAskedAt()
                            .map(asked -> new PlannedDeadline(DeadlineKind.SEVERITY_ONE_ANSWER, 1, asked.plus(timeout)))
                            .orElseGet(() -> new PlannedDeadline(DeadlineKind.SEVERITY_ONE_ANSWER, 0,
                                    ticket.statusSince().plus(timeout))));
                }
            }
            case OPEN, IN_PROGRESS -> {
                Ticket.Due due = ticket.due();
                if (due.firstRespondedAt().isEmpty()) {
                    due.firstResponseBy().ifPresent(at -> plan.add(PlannedDeadline.of(DeadlineKind.FIRST_RESPONSE_TARGET, at)));
                }
                due.nextUpdateBy().ifPresent(at -> plan.add(PlannedDeadline.of(DeadlineKind.UPDATE_TARGET, at)));
            }
            case RESOLVED -> plan.add(PlannedDeadline.of(DeadlineKind.CLOSE,
                    ticket.resolvedAt().orElse(ticket.statusSince()).plus(policy.reopenWindow())));
            case ON_HOLD, CLOSED -> {
            }
        }
        return List.copyOf(plan);
    }

    /**
     * Whether {@code stored} (a ticket's rows) already follow {@code plan}, so that
     * {@link DeadlineStore#schedule} would change nothing: every planned deadline is stored with its due time (fired
     * or not), and every pending row is planned.
     */
    public static boolean followedBy(List<PlannedDeadline> plan, List<Deadline> stored) {
        for (PlannedDeadline p : plan) {
            if (stored.stream().noneMatch(d -> d.planned().equals(p))) {
                return false;
            }
        }
        for (Deadline d : stored) {
            if (d.pending() && plan.stream().noneMatch(p -> p.kind() == d.kind() && p.step() == d.step())) {
                return false;
            }
        }
        return true;
    }

    private void customerClock(Instant since, List<PlannedDeadline> plan) {
        List<Duration> offsets = policy.reminderOffsets();
        for (int step = 0; step < offsets.size(); step++) {
            plan.add(new PlannedDeadline(DeadlineKind.REMINDER, step, since.plus(offsets.get(step))));
        }
        plan.add(PlannedDeadline.of(DeadlineKind.AUTO_RESOLVE, since.plus(policy.autoResolveAfter())));
    }
}
