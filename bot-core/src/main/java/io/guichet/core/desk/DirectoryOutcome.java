package io.guichet.core.desk;

import io.guichet.core.Problem;

import java.util.List;

/** What became of a change to the directory (accounts, contacts, certifications, versions, articles). */
public sealed interface DirectoryOutcome {

    /** Done; {@code summary} is one or two sentences for the person who asked, the same on every channel. */
    record Done(String summary) implements DirectoryOutcome {
    }

    /** Nothing changed; each problem says what was wrong and what is accepted. */
    record Refused(List<Problem> problems) implements DirectoryOutcome {
        public Refused {
            problems = List.copyOf(problems);
        }

        public static Refused of(Problem problem) {
            return new Refused(List.of(problem));
        }
    }
}
