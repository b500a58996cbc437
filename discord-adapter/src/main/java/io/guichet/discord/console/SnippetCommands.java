package io.guichet.discord.console;

import io.guichet.core.desk.SnippetDesk;
import io.guichet.core.snippet.Snippet;

import java.util.List;
import java.util.Optional;

import static io.guichet.discord.console.StaffRoles.Role.MANAGER;
import static io.guichet.discord.console.StaffRoles.Role.TECHNICIAN;

/**
 * {@code /snippet add|remove|list}: saved replies. Managers add and remove them, technicians list them and insert one
 * with {@code /ticket reply snippet:<name>}. The names' rule, the audit and the words are the core's
 * {@link SnippetDesk}'s; this class only reads the options and lays out the list.
 */
final class SnippetCommands {

    /** How much of each text the list shows. */
    static final int PREVIEW = 80;

    private final SnippetDesk snippets;

    SnippetCommands(SnippetDesk snippets) {
        this.snippets = snippets;
    }

    void register(Routes routes) {
        routes.add("snippet add", MANAGER, this::add);
        routes.add("snippet remove", MANAGER, this::remove);
        routes.add("snippet list", TECHNICIAN, (c, o) -> list());
    }

    private Answer add(Caller caller, Options o) {
        Optional<String> name = o.requiredText("name");
        Optional<String> text = o.requiredText("text");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        // Discord's option is one line: "\n" typed in it starts a new line; a form's text is taken as written
        boolean fromForm = o.optionalText(SlashInput.FROM_FORM).isPresent();
        return Cards.outcome(snippets.save(caller.actor(), name.orElseThrow(),
                fromForm ? text.orElseThrow() : text.orElseThrow().replace("\\n", "\n")));
    }

    private Answer remove(Caller caller, Options o) {
        Optional<String> name = o.requiredText("name");
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return Cards.outcome(snippets.remove(caller.actor(), name.orElseThrow()));
    }

    private Answer list() {
        List<Snippet> all = snippets.all();
        if (all.isEmpty()) {
            return new Answer("No saved replies yet: a manager adds them with /snippet add.", List.of(), List.of(), true);
        }
        StringBuilder text = new StringBuilder();
        for (Snippet s : all) {
            String line = "`" + s.name() + "` " + DiscordText.cut(s.text().replaceAll("\\s+", " "), PREVIEW) + "\n";
            if (text.length() + line.length() > DiscordText.EMBED_DESCRIPTION - 100) {
                text.append("... and more.");
                break;
            }
            text.append(line);
        }
        return new Answer("", List.of(new Answer.Embed("Saved replies (" + all.size() + ")",
                DiscordText.defuse(text.toString()), List.of(), Optional.of("/ticket reply ticket:<n> snippet:<name>"),
                Cards.BLUE)), List.of(), true);
    }
}
