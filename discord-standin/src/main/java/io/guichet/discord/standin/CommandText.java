package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slash command typed as in Discord's message box, {@code /ticket reply ticket:1000 text:Try again, please}: the
 * command and subcommand words, then {@code option:value} pairs; a value runs until the next known option name not
 * given yet (so a text may contain {@code text:} itself).
 */
record CommandText(String path, Map<String, String> options) {

    static CommandText parse(String text, CommandRegistry commands) {
        String rest = text.strip().replaceFirst("^/", "").strip();
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("type a command, e.g. /queue or /ticket show ticket:1000");
        }
        String[] words = rest.split("\\s+");
        JsonNode level = commands.find(words[0]).orElseThrow(() -> new IllegalArgumentException("/" + words[0]
                + " is not registered; the bot registered: " + commands.names()));
        List<String> path = new ArrayList<>(List.of(words[0]));
        int consumed = words[0].length();
        for (int i = 1; i < words.length; i++) {
            JsonNode sub = subcommand(level, words[i]);
            if (sub == null) {
                break;
            }
            path.add(words[i]);
            level = sub;
            consumed = rest.indexOf(words[i], consumed) + words[i].length();
        }
        String arguments = rest.substring(consumed).strip();
        List<String> subcommands = new ArrayList<>();
        level.path("options").forEach(o -> {
            if (o.path("type").asInt() == 1 || o.path("type").asInt() == 2) {
                subcommands.add(o.path("name").asText());
            }
        });
        if (!subcommands.isEmpty()) {
            throw new IllegalArgumentException("/" + String.join(" ", path) + " needs a subcommand"
                    + (arguments.isEmpty() ? "" : " ('" + arguments.split("\\s+")[0] + "' is none)") + ": " + subcommands);
        }
        List<String> names = new ArrayList<>();
        level.path("options").forEach(o -> names.add(o.path("name").asText()));
        Map<String, String> options = new LinkedHashMap<>();
        if (!arguments.isEmpty()) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("/" + String.join(" ", path) + " takes no options");
            }
            Pattern option = Pattern.compile("(?:^|\\s)(" + String.join("|", names.stream().map(Pattern::quote).toList())
                    + "):");
            Matcher m = option.matcher(arguments);
            List<int[]> starts = new ArrayList<>();
            List<String> found = new ArrayList<>();
            while (m.find()) {
                if (!found.contains(m.group(1))) {
                    starts.add(new int[] {m.start(), m.end()});
                    found.add(m.group(1));
                }
            }
            if (starts.isEmpty() || starts.getFirst()[0] != 0) {
                throw new IllegalArgumentException("'" + arguments + "': write options as name:value; /"
                        + String.join(" ", path) + " takes " + names);
            }
            for (int i = 0; i < starts.size(); i++) {
                int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : arguments.length();
                options.put(found.get(i), arguments.substring(starts.get(i)[1], end).strip());
            }
        }
        return new CommandText(String.join(" ", path), options);
    }

    private static JsonNode subcommand(JsonNode level, String name) {
        for (JsonNode option : level.path("options")) {
            int type = option.path("type").asInt();
            if ((type == 1 || type == 2) && option.path("name").asText().equals(name)) {
                return option;
            }
        }
        return null;
    }
}
