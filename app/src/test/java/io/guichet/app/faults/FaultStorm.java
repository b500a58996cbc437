package io.guichet.app.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The long fault storm, run by {@code bench/fault-storm.sh}: by default 1,000 requests over 50 SIGKILLs of the node,
 * a database restart, an SMTP outage and an IMAP outage (the same run as {@link NodeFaultsIT}, larger). Options:
 * {@code --mails N --kills N --contacts N --seed N --smtp-outage SECONDS --imap-outage SECONDS --gap-ms MILLIS
 * --dir PATH} (the gap is between two requests of the stream). Prints
 * the counts; exits 1 when a request was lost, got two tickets or no answer, or an answer was duplicated that was
 * in flight at no fault.
 */
public final class FaultStorm {

    private FaultStorm() {
    }

    public static void main(String[] args) throws Exception {
        int mails = 1000;
        int kills = 50;
        int contacts = 50;
        long seed = System.nanoTime();
        int smtpOutage = 20;
        int imapOutage = 10;
        int gapMillis = 150;
        Path directory = Path.of("target", "fault-runs",
                "storm-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--mails" -> mails = Integer.parseInt(value);
                case "--kills" -> kills = Integer.parseInt(value);
                case "--contacts" -> contacts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--smtp-outage" -> smtpOutage = Integer.parseInt(value);
                case "--imap-outage" -> imapOutage = Integer.parseInt(value);
                case "--gap-ms" -> gapMillis = Integer.parseInt(value);
                case "--dir" -> directory = Path.of(value);
                default -> {
                    System.err.println("unknown option " + args[i] + "; options: --mails --kills --contacts --seed"
                            + " --smtp-outage --imap-outage --gap-ms --dir");
                    System.exit(2);
                }
            }
            i++;
        }
        FaultRun.Plan plan = new FaultRun.Plan(mails, contacts, kills, true, Duration.ofSeconds(5),
                Duration.ofSeconds(smtpOutage), Duration.ofSeconds(imapOutage), Duration.ofMillis(gapMillis),
                Duration.ofMinutes(10), seed);
        System.out.printf("fault storm: %d mails from %d contacts, %d kills, a database restart, SMTP outage %d s,"
                + " IMAP outage %d s; seed %d; in %s%n", mails, contacts, kills, smtpOutage, imapOutage, seed,
                directory.toAbsolutePath());
        FaultRun.Outcome outcome;
        try (FaultRun run = new FaultRun(plan, directory, System.out)) {
            outcome = run.run();
        }
        System.out.println();
        System.out.print(outcome.summary());
        boolean kept = outcome.lost().isEmpty() && outcome.duplicateTickets().isEmpty() && outcome.unanswered().isEmpty()
                && outcome.duplicatesNotInFlight().isEmpty() && outcome.leftInInbox() == 0
                && outcome.duplicateAnswers() <= outcome.inFlightAtFaults();
        System.out.println(kept ? "guarantee kept" : "GUARANTEE BROKEN");
        System.exit(kept ? 0 : 1);
    }
}
