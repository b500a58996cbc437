package io.guichet.core.ticket;

import io.guichet.core.Problem;
import io.guichet.core.ProblemCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.guichet.core.ticket.TicketFixtures.T0;
import static io.guichet.core.ticket.TicketFixtures.aTicket;
import static io.guichet.core.ticket.TicketStatus.AWAITING_INFO;
import static io.guichet.core.ticket.TicketStatus.CLOSED;
import static io.guichet.core.ticket.TicketStatus.IN_PROGRESS;
import static io.guichet.core.ticket.TicketStatus.ON_HOLD;
import static io.guichet.core.ticket.TicketStatus.OPEN;
import static io.guichet.core.ticket.TicketStatus.RESOLVED;
import static io.guichet.core.ticket.TicketStatus.WAITING_ON_CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    private static final Instant AT = T0.plusSeconds(3_600);
    private static final Actor ALICE = new Actor.Staff("alice", "alice");
    private static final Set<TicketStatus> ACTIVE =
            EnumSet.of(AWAITING_INFO, OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER, ON_HOLD);
    private static final Set<TicketStatus> WORKABLE = EnumSet.of(OPEN, IN_PROGRESS, WAITING_ON_CUSTOMER);

    /** One of every transition. */
    private static List<Transition> everyTransition() {
        return List.of(new Transition.CompleteIntake(), new Transition.Claim(new Actor.Staff("alice", "alice")), new Transition.Unclaim(),
                new Transition.AskCustomer(), new Transition.CustomerReplied(), new Transition.PutOnHold(),
                new Transition.Resume(), new Transition.Resolve(ResolutionReason.FEATURE_REQUEST),
                new Transition.Reopen(), new Transition.ReopenAwaitingInfo(), new Transition.Close());
    }

    /** The policy's table of allowed moves, written independently of {@link Lifecycle#allowedFrom}. */
    private static Set<TicketStatus> expectedAllowedFrom(Transition transition) {
        return switch (transition) {
            case Transition.CompleteIntake c -> EnumSet.of(AWAITING_INFO);
            case Transition.Claim c -> ACTIVE;
            case Transition.Unclaim u -> ACTIVE;
            case Transition.AskCustomer a -> WORKABLE;
            case Transition.CustomerReplied c -> EnumSet.of(WAITING_ON_CUSTOMER);
            case Transition.PutOnHold p -> WORKABLE;
            case Transition.Resume r -> EnumSet.of(ON_HOLD);
            case Transition.Resolve r -> ACTIVE;
            case Transition.Reopen r -> EnumSet.of(RESOLVED);
            case Transition.ReopenAwaitingInfo r -> EnumSet.of(RESOLVED);
            case Transition.Close c -> EnumSet.of(RESOLVED);
        };
    }

    /** Where an allowed move leads; work goes back to the technician when there is one, else to the queue. */
    private static TicketStatus expectedTo(TicketStatus from, Transition transition, boolean assigned) {
        TicketStatus backToWork = assigned ? IN_PROGRESS : OPEN;
        return switch (transition) {
            case Transition.CompleteIntake c -> backToWork;
            case Transition.Claim c -> from == OPEN ? IN_PROGRESS : from;
            case Transition.Unclaim u -> from == IN_PROGRESS ? OPEN : from;
            case Transition.AskCustomer a -> WAITING_ON_CUSTOMER;
            case Transition.CustomerReplied c -> backToWork;
            case Transition.PutOnHold p -> ON_HOLD;
            case Transition.Resume r -> backToWork;
            case Transition.Resolve r -> RESOLVED;
            case Transition.Reopen r -> backToWork;
            case Transition.ReopenAwaitingInfo r -> AWAITING_INFO;
            case Transition.Close c -> CLOSED;
        };
    }

    private static EventKind expectedKind(Transition transition) {
        return switch (transition) {
            case Transition.CompleteIntake c -> EventKind.INTAKE_COMPLETED;
            case Transition.Claim c -> EventKind.CLAIMED;
            case Transition.Unclaim u -> EventKind.UNCLAIMED;
            case Transition.AskCustomer a -> EventKind.ASKED_CUSTOMER;
            case Transition.CustomerReplied c -> EventKind.CUSTOMER_REPLIED;
            case Transition.PutOnHold p -> EventKind.PUT_ON_HOLD;
            case Transition.Resume r -> EventKind.RESUMED;
            case Transition.Resolve r -> EventKind.RESOLVED;
            case Transition.Reopen r -> EventKind.REOPENED;
            case Transition.ReopenAwaitingInfo r -> EventKind.REOPENED;
            case Transition.Close c -> EventKind.CLOSED;
        };
    }

    /** A ticket in {@code status}, claimed by bob or by nobody; resolved and closed tickets carry a reason. */
    private static Ticket ticketIn(TicketStatus status, boolean assigned) {
        TicketFixtures.Builder builder = aTicket().status(status);
        if (status == RESOLVED || status == CLOSED) {
            builder.resolved(ResolutionReason.WORKS_AS_DOCUMENTED).status(status);
        }
        if (status == CLOSED) {
            builder.closedAt(T0.plusSeconds(60));
        }
        if (status == AWAITING_INFO) {
            builder.noSeverity();
        }
        return (assigned ? builder.assignee("bob") : builder.unassigned()).build();
    }

    static Stream<Arguments> everyStatusAndTransition() {
        List<Arguments> all = new ArrayList<>();
        for (TicketStatus status : TicketStatus.values()) {
            for (Transition transition : everyTransition()) {
                for (boolean assigned : new boolean[] {true, false}) {
                    all.add(Arguments.of(status, transition, assigned));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}, assigned={2}")
    @MethodSource("everyStatusAndTransition")
    @DisplayName("R5, R9, R12, R13: every status x transition either applies with an audit event or is refused as a value")
    void everyCombination(TicketStatus from, Transition transition, boolean assigned) {
        Ticket ticket = ticketIn(from, assigned);

        TransitionResult result = Lifecycle.apply(ticket, transition, ALICE, AT);

        boolean allowed = expectedAllowedFrom(transition).contains(from);
        assertThat(Lifecycle.allowedFrom(transition)).isEqualTo(expectedAllowedFrom(transition));
        if (!allowed) {
            assertThat(result).isInstanceOf(TransitionResult.Refused.class);
            Problem problem = ((TransitionResult.Refused) result).problem();
            assertThat(problem.code()).isEqualTo(ProblemCode.CONFLICT);
            assertThat(problem.field()).isEqualTo("status");
            assertThat(problem.detail()).contains("#1001").doesNotContain("Transition", "$", "io.guichet");
            if (from == CLOSED) {
                assertThat(problem.detail()).contains("closed for good").contains("R13");
            } else {
                assertThat(problem.detail()).contains(from.name())
                        .contains(expectedAllowedFrom(transition).iterator().next().name());
            }
            return;
        }
        if (transition instanceof Transition.Unclaim && !assigned) {
            assertThat(result).isInstanceOf(TransitionResult.Refused.class);
            assertThat(((TransitionResult.Refused) result).problem().detail()).contains("not claimed");
            return;
        }
        assertThat(result).isInstanceOf(TransitionResult.Applied.class);
        TransitionResult.Applied applied = (TransitionResult.Applied) result;
        TicketStatus to = expectedTo(from, transition, assigned);
        assertThat(applied.ticket().status()).isEqualTo(to);
        assertThat(applied.ticket().updatedAt()).isEqualTo(AT);
        assertThat(applied.ticket().id()).isEqualTo(ticket.id());
        assertThat(applied.event()).isEqualTo(new TicketEvent(ticket.id(), AT, ALICE, expectedKind(transition),
                Optional.of(from), Optional.of(to), applied.event().detail()));
    }

    @ParameterizedTest
    @EnumSource(TicketStatus.class)
    @DisplayName("R15: after any move, an OPEN ticket (the triage queue) has no technician and an IN_PROGRESS one has one")
    void queueAndAssignmentAgree(TicketStatus from) {
        for (boolean assigned : new boolean[] {true, false}) {
            if ((from == OPEN && assigned) || (from == IN_PROGRESS && !assigned)) {
                continue; // not a consistent starting point
            }
            for (Transition transition : everyTransition()) {
                if (Lifecycle.apply(ticketIn(from, assigned), transition, ALICE, AT)
                        instanceof TransitionResult.Applied applied) {
                    Ticket after = applied.ticket();
                    if (after.status() == OPEN) {
                        assertThat(after.assignee()).as("%s + %s", from, transition).isEmpty();
                    }
                    if (after.status() == IN_PROGRESS) {
                        assertThat(after.assignee()).as("%s + %s", from, transition).isPresent();
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("R5: a ticket claimed while awaiting information goes to its technician, not the queue, when intake completes")
    void completeIntakeOfClaimedTicket() {
        Ticket claimed = applied(ticketIn(AWAITING_INFO, false), new Transition.Claim(new Actor.Staff("alice", "alice"))).ticket();
        assertThat(claimed.status()).isEqualTo(AWAITING_INFO);
        assertThat(claimed.assignee().map(Actor.Staff::name)).contains("alice");

        Ticket complete = applied(claimed, new Transition.CompleteIntake()).ticket();

        assertThat(complete.status()).isEqualTo(IN_PROGRESS);
        assertThat(complete.assignee().map(Actor.Staff::name)).contains("alice");
    }

    @Test
    @DisplayName("R5: an unclaimed ticket joins the triage queue (OPEN) when intake completes")
    void completeIntakeJoinsQueue() {
        assertThat(applied(ticketIn(AWAITING_INFO, false), new Transition.CompleteIntake()).ticket().status())
                .isEqualTo(OPEN);
    }

    @Test
    @DisplayName("R15: claiming an OPEN ticket moves it to IN_PROGRESS and assigns the technician")
    void claimOpenTicket() {
        TransitionResult.Applied applied = applied(ticketIn(OPEN, false), new Transition.Claim(new Actor.Staff("alice", "alice")));

        assertThat(applied.ticket().status()).isEqualTo(IN_PROGRESS);
        assertThat(applied.ticket().assignee().map(Actor.Staff::name)).contains("alice");
        assertThat(applied.event().kind()).isEqualTo(EventKind.CLAIMED);
        assertThat(applied.event().detail()).isEqualTo("alice");
        assertThat(applied.event().from()).contains(OPEN);
        assertThat(applied.event().to()).contains(IN_PROGRESS);
    }

    @Test
    @DisplayName("R15: a second claim by the same technician (a repeated click) is refused and changes nothing")
    void claimTwiceBySameTechnician() {
        Ticket claimed = applied(ticketIn(OPEN, false), new Transition.Claim(new Actor.Staff("alice", "alice"))).ticket();

        TransitionResult again = Lifecycle.apply(claimed, new Transition.Claim(new Actor.Staff("alice", "alice")), ALICE, AT.plusSeconds(1));

        assertThat(again).isInstanceOf(TransitionResult.Refused.class);
        Problem problem = ((TransitionResult.Refused) again).problem();
        assertThat(problem.code()).isEqualTo(ProblemCode.CONFLICT);
        assertThat(problem.detail()).contains("#1001").contains("already claimed by alice");
        assertThat(claimed.status()).isEqualTo(IN_PROGRESS);
        assertThat(claimed.assignee().map(Actor.Staff::name)).contains("alice");
    }

    @Test
    @DisplayName("R15: another technician may take over a claimed ticket; the event records who had it before")
    void takeover() {
        Ticket bobs = ticketIn(IN_PROGRESS, true);

        TransitionResult.Applied applied = applied(bobs, new Transition.Claim(new Actor.Staff("carol", "carol")));

        assertThat(applied.ticket().assignee().map(Actor.Staff::name)).contains("carol");
        assertThat(applied.ticket().status()).isEqualTo(IN_PROGRESS);
        assertThat(applied.event().kind()).isEqualTo(EventKind.CLAIMED);
        assertThat(applied.event().detail()).isEqualTo("carol (taken over from bob)");
    }

    @Test
    @DisplayName("R15: unclaiming gives the ticket back to the queue and records who released it")
    void unclaim() {
        TransitionResult.Applied applied = applied(ticketIn(IN_PROGRESS, true), new Transition.Unclaim());

        assertThat(applied.ticket().status()).isEqualTo(OPEN);
        assertThat(applied.ticket().assignee()).isEmpty();
        assertThat(applied.event().kind()).isEqualTo(EventKind.UNCLAIMED);
        assertThat(applied.event().detail()).isEqualTo("bob");
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = {"AWAITING_INFO", "OPEN", "WAITING_ON_CUSTOMER", "ON_HOLD"})
    @DisplayName("R15: unclaiming a ticket nobody claimed is refused")
    void unclaimUnclaimed(TicketStatus status) {
        TransitionResult result = Lifecycle.apply(ticketIn(status, false), new Transition.Unclaim(), ALICE, AT);

        assertThat(result).isInstanceOf(TransitionResult.Refused.class);
        Problem problem = ((TransitionResult.Refused) result).problem();
        assertThat(problem.code()).isEqualTo(ProblemCode.CONFLICT);
        assertThat(problem.detail()).isEqualTo("Ticket #1001 is not claimed by anyone.");
    }

    static Stream<Arguments> backToWork() {
        return Stream.of(
                Arguments.of(WAITING_ON_CUSTOMER, new Transition.CustomerReplied()),
                Arguments.of(ON_HOLD, new Transition.Resume()),
                Arguments.of(RESOLVED, new Transition.Reopen()));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}")
    @MethodSource("backToWork")
    @DisplayName("R9, R13: a reply, a resume or a reopen goes back to the technician (IN_PROGRESS) when assigned")
    void backToTechnician(TicketStatus from, Transition transition) {
        TransitionResult.Applied applied = applied(ticketIn(from, true), transition);

        assertThat(applied.ticket().status()).isEqualTo(IN_PROGRESS);
        assertThat(applied.ticket().assignee().map(Actor.Staff::name)).contains("bob");
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}")
    @MethodSource("backToWork")
    @DisplayName("R9, R13: a reply, a resume or a reopen goes back to the queue (OPEN) when nobody is assigned")
    void backToQueue(TicketStatus from, Transition transition) {
        TransitionResult.Applied applied = applied(ticketIn(from, false), transition);

        assertThat(applied.ticket().status()).isEqualTo(OPEN);
        assertThat(applied.ticket().assignee()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ResolutionReason.class)
    @DisplayName("R12a-g: resolving records the reason and when; the event names the rule")
    void resolveRecordsReason(ResolutionReason reason) {
        TransitionResult.Applied applied = applied(ticketIn(IN_PROGRESS, true), new Transition.Resolve(reason));

        assertThat(applied.ticket().status()).isEqualTo(RESOLVED);
        assertThat(applied.ticket().resolution()).contains(reason);
        assertThat(applied.ticket().resolvedAt()).contains(AT);
        assertThat(applied.ticket().closedAt()).isEmpty();
        assertThat(applied.ticket().assignee().map(Actor.Staff::name)).contains("bob");
        assertThat(applied.event().kind()).isEqualTo(EventKind.RESOLVED);
        assertThat(applied.event().detail()).isEqualTo(reason.rule() + " " + reason.code());
    }

    @Test
    @DisplayName("R12a: a ticket waiting on the customer can be resolved for no response")
    void resolveForNoResponse() {
        TransitionResult result = Lifecycle.apply(ticketIn(WAITING_ON_CUSTOMER, true),
                new Transition.Resolve(ResolutionReason.NO_RESPONSE), Actor.SYSTEM, AT);

        assertThat(result).isInstanceOf(TransitionResult.Applied.class);
        TransitionResult.Applied applied = (TransitionResult.Applied) result;
        assertThat(applied.ticket().resolution()).contains(ResolutionReason.NO_RESPONSE);
        assertThat(applied.event().actor()).isEqualTo(Actor.SYSTEM);
        assertThat(applied.event().detail()).isEqualTo("R12a no-response");
    }

    @Test
    @DisplayName("R13: reopening clears the resolution reason and time")
    void reopenClearsReason() {
        Ticket resolved = applied(ticketIn(IN_PROGRESS, true), new Transition.Resolve(ResolutionReason.FIXED_BY_UPDATE))
                .ticket();

        Ticket reopened = applied(resolved, new Transition.Reopen()).ticket();

        assertThat(reopened.resolution()).isEmpty();
        assertThat(reopened.resolvedAt()).isEmpty();
        assertThat(reopened.status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    @DisplayName("R13: closing keeps the resolution reason and time, and records when it closed")
    void closeKeepsReason() {
        Ticket resolved = applied(ticketIn(IN_PROGRESS, true), new Transition.Resolve(ResolutionReason.OUT_OF_SCOPE))
                .ticket();
        Instant later = AT.plusSeconds(7 * 86_400);

        TransitionResult result = Lifecycle.apply(resolved, new Transition.Close(), Actor.SYSTEM, later);

        assertThat(result).isInstanceOf(TransitionResult.Applied.class);
        Ticket closed = ((TransitionResult.Applied) result).ticket();
        assertThat(closed.status()).isEqualTo(CLOSED);
        assertThat(closed.resolution()).contains(ResolutionReason.OUT_OF_SCOPE);
        assertThat(closed.resolvedAt()).contains(AT);
        assertThat(closed.closedAt()).contains(later);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    @DisplayName("R13: a closed ticket refuses every move, reopen included, and says it is closed for good (R13)")
    void closedRefusesEverything(boolean assigned) {
        Ticket closed = ticketIn(CLOSED, assigned);
        for (Transition transition : everyTransition()) {
            TransitionResult result = Lifecycle.apply(closed, transition, ALICE, AT);

            assertThat(result).as("%s", transition).isInstanceOf(TransitionResult.Refused.class);
            assertThat(((TransitionResult.Refused) result).problem().detail())
                    .isEqualTo("Ticket #1001 is closed for good and cannot change any more (R13).");
        }
    }

    @Test
    @DisplayName("R13: a refused move names the status and what is allowed, in words")
    void refusalWording() {
        TransitionResult result = Lifecycle.apply(ticketIn(OPEN, false), new Transition.Reopen(), ALICE, AT);

        assertThat(result).isInstanceOf(TransitionResult.Refused.class);
        assertThat(((TransitionResult.Refused) result).problem().detail())
                .isEqualTo("Ticket #1001 is OPEN: cannot reopen (allowed when [RESOLVED]).");
    }

    private static TransitionResult.Applied applied(Ticket ticket, Transition transition) {
        TransitionResult result = Lifecycle.apply(ticket, transition, ALICE, AT);
        assertThat(result).as("%s from %s", transition, ticket.status()).isInstanceOf(TransitionResult.Applied.class);
        return (TransitionResult.Applied) result;
    }
}
