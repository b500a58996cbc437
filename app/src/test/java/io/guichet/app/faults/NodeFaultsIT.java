package io.guichet.app.faults;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short fault suite: Guichet as a separate process against PostgreSQL and GreenMail (through TCP proxies),
 * killed with SIGKILL at random moments of a stream of requests, restarted at once, with a database restart, an SMTP
 * outage and an IMAP outage in between; everything counted from the outside. The long storm is
 * {@code bench/fault-storm.sh} ({@link FaultStorm}); figures in docs/BENCHMARKS.md, guarantee in docs/mail.md.
 */
class NodeFaultsIT {

    @Test
    @DisplayName("R2: SIGKILLs, a database restart, SMTP and IMAP outages under a stream of mail: none lost, one ticket each, every customer answered, duplicates only of answers in flight at a fault")
    void faultsUnderAStream() throws Exception {
        FaultRun.Plan plan = new FaultRun.Plan(56, 12, 4, true, Duration.ofSeconds(3), Duration.ofSeconds(4),
                Duration.ofSeconds(4), Duration.ofMillis(300), Duration.ofSeconds(150),
                Long.getLong("faults.seed", System.nanoTime()));
        Path directory = Path.of("target", "fault-runs",
                "short-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        System.out.println("fault suite, seed " + plan.seed() + ", in " + directory.toAbsolutePath());
        FaultRun.Outcome outcome;
        try (FaultRun run = new FaultRun(plan, directory, System.out)) {
            outcome = run.run();
        }
        System.out.println(outcome.summary());

        assertThat(outcome.kills()).isEqualTo(4);
        assertThat(outcome.lost()).as("requests with no ticket (seed %d)", plan.seed()).isEmpty();
        assertThat(outcome.duplicateTickets()).as("requests with two tickets").isEmpty();
        assertThat(outcome.leftInInbox()).as("mail left in the INBOX").isZero();
        assertThat(outcome.quarantined()).as("mail quarantined").isZero();
        assertThat(outcome.processed()).as("mail moved to the processed folder").isEqualTo(plan.mails());
        assertThat(outcome.unanswered()).as("requests whose customer got no answer").isEmpty();
        assertThat(outcome.duplicatesNotInFlight()).as("answers delivered twice that were in flight at no fault")
                .isEmpty();
        assertThat(outcome.duplicateAnswers()).as("extra copies of answers").isLessThanOrEqualTo(outcome.inFlightAtFaults());
        assertThat(outcome.resumeAfterKill()).as("the node answered again after the kills").isNotEmpty();
    }
}
