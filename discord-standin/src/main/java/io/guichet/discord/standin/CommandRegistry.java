package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application commands the bot registered: the guild's and the global ones, as Discord stores them. */
final class CommandRegistry {

    private final Snowflakes ids;
    private final String applicationId;
    private final String guildId;
    private final Map<String, ObjectNode> guildCommands = new LinkedHashMap<>();
    private final Map<String, ObjectNode> globalCommands = new LinkedHashMap<>();

    CommandRegistry(Snowflakes ids, String applicationId, String guildId) {
        this.ids = ids;
        this.applicationId = applicationId;
        this.guildId = guildId;
    }

    /** Bulk overwrite ({@code PUT}): the list replaces every command; a command keeps its id across overwrites. */
    synchronized ArrayNode overwrite(boolean global, JsonNode commands) {
        Map<String, ObjectNode> target = global ? globalCommands : guildCommands;
        Map<String, ObjectNode> next = new LinkedHashMap<>();
        for (JsonNode command : commands) {
            ObjectNode stored = store(global, command, target.get(command.path("name").asText()));
            next.put(stored.path("name").asText(), stored);
        }
        target.clear();
        target.putAll(next);
        ArrayNode result = Json.array();
        target.values().forEach(c -> result.add(c.deepCopy()));
        return result;
    }

    /** {@code POST}: creates or replaces one command. */
    synchronized ObjectNode upsert(boolean global, JsonNode command) {
        Map<String, ObjectNode> target = global ? globalCommands : guildCommands;
        ObjectNode stored = store(global, command, target.get(command.path("name").asText()));
        target.put(stored.path("name").asText(), stored);
        return stored.deepCopy();
    }

    synchronized ArrayNode list(boolean global) {
        ArrayNode result = Json.array();
        (global ? globalCommands : guildCommands).values().forEach(c -> result.add(c.deepCopy()));
        return result;
    }

    /** A chat-input command by name, the guild's first. */
    synchronized Optional<ObjectNode> find(String name) {
        ObjectNode found = guildCommands.getOrDefault(name, globalCommands.get(name));
        return Optional.ofNullable(found).map(ObjectNode::deepCopy);
    }

    synchronized List<String> names() {
        List<String> names = new ArrayList<>(guildCommands.keySet());
        globalCommands.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    private ObjectNode store(boolean global, JsonNode command, ObjectNode previous) {
        ObjectNode stored = command.deepCopy();
        String id = previous == null ? ids.next() : previous.path("id").asText();
        stored.put("id", id).put("application_id", applicationId).put("version", ids.next());
        if (!stored.has("type")) {
            stored.put("type", 1);
        }
        if (!stored.has("default_member_permissions")) {
            stored.putNull("default_member_permissions");
        }
        if (!stored.has("nsfw")) {
            stored.put("nsfw", false);
        }
        if (global) {
            stored.remove("guild_id");
        } else {
            stored.put("guild_id", guildId);
        }
        return stored;
    }
}
