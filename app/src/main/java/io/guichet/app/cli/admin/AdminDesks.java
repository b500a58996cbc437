package io.guichet.app.cli.admin;

import io.guichet.app.node.CoreAssembly;
import io.guichet.core.Problem;
import io.guichet.core.ProblemCode;
import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.desk.Desks;
import io.guichet.core.desk.DirectoryOutcome;
import io.guichet.core.desk.StaffOutcome;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.ticket.Actor;

import java.util.stream.Collectors;

/**
 * What the admin commands work with: the core's desks (the same the Discord console calls, so an act has the same
 * rules, audit and words), the mail records for transcripts and the quarantine ({@code core}), and the operator
 * acting, named in the audit trail.
 */
record AdminDesks(Desks desks, MailJournal mail, Actor.Staff operator, CoreAssembly core) {

    /** The summary of a change done, or its refusal as the command's failure (not found: exit 1; else exit 2). */
    static String done(DirectoryOutcome outcome) {
        return switch (outcome) {
            case DirectoryOutcome.Done done -> done.summary();
            case DirectoryOutcome.Refused refused -> {
                String message = refused.problems().stream().map(Problem::detail).collect(Collectors.joining(" "));
                throw refused.problems().stream().allMatch(p -> p.code() == ProblemCode.NOT_FOUND)
                        ? AdminProblem.notFound(message) : AdminProblem.usage(message);
            }
        };
    }

    /**
     * The summary of a ticket act done, or its refusal as the command's failure, in the words the console uses (not
     * found: exit 1; a ticket changed meanwhile: exit 1, try again; else exit 2).
     */
    static String done(StaffOutcome outcome) {
        return switch (outcome) {
            case StaffOutcome.Done done -> done.summary();
            case StaffOutcome.Refused refused -> {
                String message = refused.problems().stream().map(Problem::detail).collect(Collectors.joining(" "));
                throw refused.problems().stream().allMatch(p -> p.code() == ProblemCode.NOT_FOUND)
                        ? AdminProblem.notFound(message) : AdminProblem.usage(message);
            }
            case ConcurrentChange change -> throw AdminProblem.infrastructure("nothing changed: ticket " + change.ticket()
                    + " changed meanwhile (someone else acted on it). Look at it again and try again.");
        };
    }
}
