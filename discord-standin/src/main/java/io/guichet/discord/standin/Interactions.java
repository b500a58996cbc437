package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the interactions a member would cause (slash commands checked against what the bot registered, as a
 * Discord client does; button clicks on a message that has the button; autocomplete) and remembers each one's
 * state: acknowledged or not, and which message is its original.
 */
final class Interactions {

    /** Discord's interaction types. */
    static final int COMMAND = 2;
    static final int COMPONENT = 3;
    static final int AUTOCOMPLETE = 4;
    static final int MODAL_SUBMIT = 5;

    private final Snowflakes ids;
    private final Payloads payloads;
    private final CommandRegistry commands;
    private final MessageStore messages;
    private final Duration acknowledgeWithin;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, State> byId = new LinkedHashMap<>();
    private final Map<String, State> byToken = new LinkedHashMap<>();

    /** What the stand-in knows of one interaction. */
    static final class State {
        final String id;
        final String token;
        final int type;
        final String channelId;
        final Optional<String> componentMessageId;
        final String memberName;
        final String what;
        volatile long dispatchedNanos;
        int callbackType = -1;
        Optional<String> originalMessageId = Optional.empty();

        State(String id, String token, int type, String channelId, Optional<String> componentMessageId,
              String memberName, String what) {
            this.id = id;
            this.token = token;
            this.type = type;
            this.channelId = channelId;
            this.componentMessageId = componentMessageId;
            this.memberName = memberName;
            this.what = what;
        }
    }

    /** A built interaction, before it is dispatched. */
    record Built(State state, ObjectNode payload, String what) {
    }

    Interactions(Snowflakes ids, Payloads payloads, CommandRegistry commands, MessageStore messages,
                 Duration acknowledgeWithin) {
        this.ids = ids;
        this.payloads = payloads;
        this.commands = commands;
        this.messages = messages;
        this.acknowledgeWithin = acknowledgeWithin;
    }

    /**
     * A slash command as Discord sends it: the registered command's subcommand and typed options (a string for a
     * string option, a number for an integer, a user id resolved for a user option). Refuses what a Discord client
     * would not let anyone send: an unregistered command or option, a missing required option, a value outside the
     * choices.
     */
    Built slash(StandInWorld.Member member, String channelId, String commandPath, Map<String, String> values) {
        return command(member, channelId, commandPath, values, Optional.empty());
    }

    Built autocomplete(StandInWorld.Member member, String channelId, String commandPath, Map<String, String> values,
                       String focused) {
        return command(member, channelId, commandPath, values, Optional.of(focused));
    }

    private Built command(StandInWorld.Member member, String channelId, String commandPath, Map<String, String> values,
                          Optional<String> focused) {
        String[] path = commandPath.strip().replaceFirst("^/", "").split("\\s+");
        ObjectNode command = commands.find(path[0]).orElseThrow(() -> new IllegalArgumentException("/" + path[0]
                + " is not registered; the bot registered: " + commands.names()));
        JsonNode level = command;
        ArrayNode target = Json.array();
        ArrayNode top = target;
        for (int i = 1; i < path.length; i++) {
            String name = path[i];
            JsonNode sub = find(level.path("options"), name).filter(o -> o.path("type").asInt() == 1 || o.path("type").asInt() == 2)
                    .orElseThrow(() -> new IllegalArgumentException("/" + commandPath.strip().replaceFirst("^/", "")
                            + ": '" + name + "' is not a subcommand of it"));
            ObjectNode given = target.addObject().put("name", name).put("type", sub.path("type").asInt());
            target = given.putArray("options");
            level = sub;
        }
        for (JsonNode option : level.path("options")) {
            int kind = option.path("type").asInt();
            if (kind == 1 || kind == 2) {
                throw new IllegalArgumentException("/" + commandPath.strip().replaceFirst("^/", "")
                        + " needs a subcommand: " + names(level.path("options")));
            }
        }
        ObjectNode resolved = Json.object();
        JsonNode options = level.path("options");
        for (Map.Entry<String, String> value : values.entrySet()) {
            JsonNode option = find(options, value.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "/" + commandPath.strip() + " has no option '" + value.getKey() + "'; options: "
                            + names(options)));
            ObjectNode given = target.addObject().put("name", value.getKey()).put("type", option.path("type").asInt());
            boolean isFocused = focused.map(value.getKey()::equals).orElse(false);
            if (isFocused) {
                given.put("value", value.getValue()).put("focused", true);
            } else {
                typed(given, option, value.getValue(), resolved);
            }
        }
        if (focused.isEmpty()) {
            for (JsonNode option : options) {
                if (option.path("required").asBoolean(false) && !values.containsKey(option.path("name").asText())) {
                    throw new IllegalArgumentException("/" + commandPath.strip() + " needs the option '"
                            + option.path("name").asText() + "'");
                }
            }
        }
        ObjectNode data = Json.object().put("id", command.path("id").asText()).put("name", command.path("name").asText())
                .put("type", command.path("type").asInt(1));
        if (command.has("guild_id")) {
            data.put("guild_id", command.path("guild_id").asText());
        }
        data.set("options", top);
        if (!resolved.isEmpty()) {
            data.set("resolved", resolved);
        }
        int type = focused.isPresent() ? AUTOCOMPLETE : COMMAND;
        String what = "/" + String.join(" ", path);
        return build(member, channelId, type, data, Optional.empty(), what);
    }

    /** A click on the newest message that has a button with this custom id; refused when no message has it. */
    Built click(StandInWorld.Member member, String customId) {
        ObjectNode message = messages.withButton(customId).orElseThrow(() -> new IllegalArgumentException(
                "no message has a button '" + customId + "' to click"));
        ObjectNode data = Json.object().put("custom_id", customId).put("component_type", 2);
        String channelId = message.path("channel_id").asText();
        return build(member, channelId, COMPONENT, data, Optional.of(message), "button " + customId);
    }

    /**
     * A modal submitted: its custom id and the value of each text input, each in a label (the layout Discord sends
     * for modals with labels), components numbered as Discord numbers them.
     */
    Built modalSubmit(StandInWorld.Member member, String channelId, String customId, Map<String, String> values) {
        ObjectNode data = Json.object().put("custom_id", customId);
        ArrayNode components = data.putArray("components");
        int[] next = {1};
        values.forEach((id, value) -> components.addObject().put("type", 18).put("id", next[0]++)
                .putObject("component").put("type", 4).put("id", next[0]++).put("custom_id", id).put("value", value));
        return build(member, channelId, MODAL_SUBMIT, data, Optional.empty(), "modal " + customId);
    }

    private Built build(StandInWorld.Member member, String channelId, int type, ObjectNode data,
                        Optional<ObjectNode> message, String what) {
        ObjectNode channel = messages.channel(channelId).orElseThrow(() -> new IllegalArgumentException(
                "no channel " + channelId + " in the stand-in's guild"));
        String id = ids.next();
        String token = token(id);
        StandInWorld world = payloads.world();
        ObjectNode payload = Json.object().put("id", id).put("application_id", world.applicationId())
                .put("type", type).put("token", token).put("version", 1).put("guild_id", world.guildId())
                .put("channel_id", channelId).put("locale", "en-US").put("guild_locale", "en-US")
                .put("app_permissions", Long.toString(world.permissions())).put("context", 0)
                .put("attachment_size_limit", 10 * 1024 * 1024);
        payload.set("guild", payloads.interactionGuild());
        channel.put("permissions", Long.toString(StandInWorld.EVERYONE_PERMISSIONS));
        payload.set("channel", channel);
        payload.set("member", payloads.interactionMember(member));
        payload.putObject("authorizing_integration_owners").put("0", world.guildId());
        payload.putArray("entitlements");
        payload.set("data", data);
        message.ifPresent(m -> {
            if ((m.path("flags").asInt() & MessageStore.EPHEMERAL) != 0) {
                // Discord sends only the id and flags of an ephemeral message a button is on
                payload.putObject("message").put("id", m.path("id").asText()).put("flags", m.path("flags").asInt());
            } else {
                payload.set("message", m);
            }
        });
        State state = new State(id, token, type, channelId, message.map(m -> m.path("id").asText()), member.userName(),
                what);
        synchronized (this) {
            byId.put(id, state);
            byToken.put(token, state);
        }
        return new Built(state, payload, what);
    }

    private void typed(ObjectNode given, JsonNode option, String text, ObjectNode resolved) {
        String name = option.path("name").asText();
        switch (option.path("type").asInt()) {
            case 4 -> {
                try {
                    given.put("value", Long.parseLong(text.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option '" + name + "' takes a whole number, not '" + text + "'");
                }
            }
            case 10 -> {
                try {
                    given.put("value", Double.parseDouble(text.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option '" + name + "' takes a number, not '" + text + "'");
                }
            }
            case 5 -> {
                String lower = text.strip().toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new IllegalArgumentException("option '" + name + "' takes true or false, not '" + text + "'");
                }
                given.put("value", Boolean.parseBoolean(lower));
            }
            case 6 -> {
                StandInWorld.Member user = payloads.world().members().stream()
                        .filter(m -> m.userId().equals(text.strip()) || m.userName().equals(text.strip())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("option '" + name + "' takes a member of the "
                                + "guild; '" + text + "' is none"));
                given.put("value", user.userId());
                resolved.withObjectProperty("users").set(user.userId(), payloads.user(user));
                resolved.withObjectProperty("members").set(user.userId(), payloads.memberFields(user)
                        .put("permissions", Long.toString(StandInWorld.EVERYONE_PERMISSIONS)));
            }
            default -> given.put("value", text);
        }
        JsonNode choices = option.path("choices");
        if (choices.isArray() && !choices.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            choices.forEach(c -> allowed.add(c.path("value").asText()));
            if (!allowed.contains(given.path("value").asText())) {
                throw new IllegalArgumentException("option '" + name + "' takes one of " + allowed + ", not '" + text + "'");
            }
        }
        int maxLength = option.path("max_length").asInt(6000);
        if (option.path("type").asInt() == 3 && text.length() > maxLength) {
            throw new IllegalArgumentException("option '" + name + "' takes at most " + maxLength + " characters");
        }
    }

    private static List<String> names(JsonNode options) {
        List<String> names = new ArrayList<>();
        options.forEach(o -> names.add(o.path("name").asText()));
        return names;
    }

    private static Optional<JsonNode> find(JsonNode options, String name) {
        for (JsonNode option : options) {
            if (option.path("name").asText().equals(name)) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    /** Shaped like Discord's: base64url of {@code interaction:<id>:<random>}, safe in a URL path. */
    private String token(String id) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("interaction:" + id + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    synchronized Optional<State> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** For people: which member's interaction a message answers, e.g. {@code tess's /ticket show}. */
    synchronized Optional<String> answering(String messageId) {
        return byId.values().stream().filter(s -> s.originalMessageId.filter(messageId::equals).isPresent())
                .reduce((first, second) -> second).map(s -> s.memberName + "'s " + s.what);
    }

    synchronized Optional<State> byToken(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    /** Whether a callback now is too late: Discord forgets an interaction not acknowledged within 3 seconds. */
    boolean tooLate(State state, long nowNanos) {
        return nowNanos - state.dispatchedNanos > acknowledgeWithin.toNanos();
    }
}
