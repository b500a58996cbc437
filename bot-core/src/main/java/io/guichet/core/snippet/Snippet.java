package io.guichet.core.snippet;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A saved reply: a text managers keep under a short name, which technicians insert in their replies to customers.
 * {@code savedBy} is who last saved it ({@code Actor.label()}).
 */
public record Snippet(String name, String text, String savedBy, Instant savedAt) {

    /** Longest name accepted. */
    public static final int NAME_MAX = 32;
    /** Longest text accepted (Discord's modal field holds 4,000 characters). */
    public static final int TEXT_MAX = 4000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** What names look like, for messages. */
    public static final String NAME_RULE = "1 to " + NAME_MAX + " lowercase letters, digits and dashes, such as "
            + "'agent-reinstall'";

    /** Why {@code name} is not a snippet name, or empty when it is one. */
    public static Optional<String> nameProblem(String name) {
        if (name.isEmpty() || name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a saved reply's name: " + NAME_RULE + ".");
        }
        return Optional.empty();
    }
}
