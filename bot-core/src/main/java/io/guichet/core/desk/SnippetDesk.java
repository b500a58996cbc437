package io.guichet.core.desk;

import io.guichet.core.Problem;
import io.guichet.core.audit.AuditEvent;
import io.guichet.core.audit.AuditKind;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.SnippetStore;
import io.guichet.core.snippet.Snippet;
import io.guichet.core.ticket.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Saved replies (snippets): managers save and remove them (the channel checks the role), technicians list them and
 * insert one in a reply. Each save and removal is in the audit log, with who did it.
 */
public final class SnippetDesk {

    private static final Logger LOG = LoggerFactory.getLogger(SnippetDesk.class);

    private final DeskPorts ports;
    private final PerTransaction<SnippetStore> snippets;

    public SnippetDesk(DeskPorts ports, PerTransaction<SnippetStore> snippets) {
        this.ports = ports;
        this.snippets = snippets;
    }

    /** Saves {@code text} under {@code name}, replacing the text of a snippet of that name. */
    public DirectoryOutcome save(Actor.Staff by, String name, String text) {
        String key = name.strip();
        String body = text.strip();
        List<Problem> problems = new java.util.ArrayList<>();
        Snippet.nameProblem(key).ifPresent(p -> problems.add(Problem.invalid("name", p)));
        if (body.isEmpty()) {
            problems.add(Problem.missing("text", "the saved reply's text is empty: give the words the customer reads."));
        } else if (body.length() > Snippet.TEXT_MAX) {
            problems.add(Problem.invalid("text", "the saved reply's text is " + body.length() + " characters long; at most "
                    + Snippet.TEXT_MAX + " are kept."));
        }
        if (!problems.isEmpty()) {
            return new DirectoryOutcome.Refused(problems);
        }
        return ports.inTransaction(desk -> {
            Optional<Snippet> replaced = snippets.in(desk.tx()).save(new Snippet(key, body, by.label(), ports.clock().instant()));
            audit(desk, by, AuditKind.SNIPPET_SAVED, key, replaced.isPresent() ? "text replaced" : "added");
            return new DirectoryOutcome.Done(replaced.isPresent()
                    ? "Saved reply '" + key + "' replaced (" + body.length() + " characters)."
                    : "Saved reply '" + key + "' added (" + body.length() + " characters). Insert it with "
                            + "/ticket reply snippet:" + key + ".");
        });
    }

    /** Removes the snippet named {@code name}. */
    public DirectoryOutcome remove(Actor.Staff by, String name) {
        String key = name.strip();
        Optional<String> bad = Snippet.nameProblem(key);
        if (bad.isPresent()) {
            return DirectoryOutcome.Refused.of(Problem.invalid("name", bad.get()));
        }
        return ports.inTransaction(desk -> {
            if (snippets.in(desk.tx()).remove(key).isEmpty()) {
                return DirectoryOutcome.Refused.of(unknown(key));
            }
            audit(desk, by, AuditKind.SNIPPET_REMOVED, key, "removed");
            return new DirectoryOutcome.Done("Saved reply '" + key + "' removed.");
        });
    }

    /** Every snippet, by name. */
    public List<Snippet> all() {
        return ports.inTransaction(desk -> snippets.in(desk.tx()).all());
    }

    /** The snippet named {@code name}, or the problem saying there is none (and how to see the names). */
    public Found find(String name) {
        String key = name.strip().toLowerCase(java.util.Locale.ROOT);
        Optional<Snippet> found = ports.inTransaction(desk -> snippets.in(desk.tx()).find(key));
        return found.<Found>map(Found.Snippet::new).orElseGet(() -> new Found.Unknown(unknown(name.strip())));
    }

    /** A snippet looked up by name. */
    public sealed interface Found {
        record Snippet(io.guichet.core.snippet.Snippet snippet) implements Found {
        }

        record Unknown(Problem problem) implements Found {
        }
    }

    private static Problem unknown(String name) {
        return Problem.notFound("snippet", "there is no saved reply named '" + name + "'; /snippet list shows their "
                + "names.");
    }

    private void audit(DeskContext desk, Actor.Staff by, AuditKind kind, String name, String detail) {
        desk.audit().append(new AuditEvent(ports.clock().instant(), by, kind, "snippet " + name, detail));
        LOG.info("{} snippet {}: {} by {}", kind, name, detail, by.label());
    }
}
