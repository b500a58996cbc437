package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's HTTP API, the part a bot uses: who am I, the gateway's address, command registration, interaction
 * callbacks and their webhook (original answer, follow-ups), channel messages, threads, reactions, file uploads.
 * Every call is recorded as it arrived with what was answered; a {@link Fault} queued for a route is answered once
 * instead of doing the call. Messages are checked against Discord's limits (2,000 characters, embeds' sizes).
 */
final class RestApi {

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final Pattern VERSIONED = Pattern.compile("^/api/v\\d+(/.*)$");
    private static final String ID = "(\\d+)";
    private static final String TOKEN = "([^/]+)";

    private final Payloads payloads;
    private final CommandRegistry commands;
    private final MessageStore messages;
    private final Interactions interactions;
    private final BiConsumer<String, JsonNode> dispatcher;
    private final Supplier<String> gatewayUrl;
    private final List<Route> routes = new ArrayList<>();
    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<PendingFault> faults = new ArrayList<>();

    /** A call, parsed. */
    record Request(String method, String route, String query, boolean authorized, JsonNode body,
                   List<RecordedCall.UploadedFile> files, long receivedNanos, Matcher path) {
        String group(int i) {
            return path.group(i);
        }
    }

    /** What the stand-in answers. */
    record Reply(int status, JsonNode body, Map<String, String> headers) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, body, Map.of());
        }

        static Reply noContent() {
            return new Reply(204, MissingNode.getInstance(), Map.of());
        }

        static Reply error(int status, int code, String message) {
            return json(status, Json.object().put("message", message).put("code", code));
        }
    }

    private record Route(String method, Pattern pattern, boolean needsToken, Function<Request, Reply> handler) {
    }

    private record PendingFault(String method, Pattern route, Fault fault) {
    }

    RestApi(Payloads payloads, CommandRegistry commands, MessageStore messages, Interactions interactions,
            BiConsumer<String, JsonNode> dispatcher, Supplier<String> gatewayUrl) {
        this.payloads = payloads;
        this.commands = commands;
        this.messages = messages;
        this.interactions = interactions;
        this.dispatcher = dispatcher;
        this.gatewayUrl = gatewayUrl;
        String app = ID;
        add("GET", "/users/@me", true, r -> Reply.json(200, payloads.botUser()));
        add("GET", "/gateway(?:/bot)?", true, r -> gateway());
        add("PUT", "/applications/" + app + "/guilds/" + ID + "/commands", true, r -> guildCommands(r, true));
        add("GET", "/applications/" + app + "/guilds/" + ID + "/commands", true, r -> guildCommands(r, false));
        add("POST", "/applications/" + app + "/guilds/" + ID + "/commands", true,
                r -> guild(r.group(2)).orElseGet(() -> Reply.json(201, commands.upsert(false, r.body()))));
        add("PUT", "/applications/" + app + "/commands", true, r -> Reply.json(200, commands.overwrite(true, r.body())));
        add("GET", "/applications/" + app + "/commands", true, r -> Reply.json(200, commands.list(true)));
        add("POST", "/applications/" + app + "/commands", true, r -> Reply.json(201, commands.upsert(true, r.body())));
        add("POST", "/interactions/" + ID + "/" + TOKEN + "/callback", false, this::callback);
        add("GET", "/webhooks/" + app + "/" + TOKEN + "/messages/(@original|\\d+)", false, this::getWebhookMessage);
        add("PATCH", "/webhooks/" + app + "/" + TOKEN + "/messages/(@original|\\d+)", false, this::editWebhookMessage);
        add("DELETE", "/webhooks/" + app + "/" + TOKEN + "/messages/(@original|\\d+)", false, this::deleteWebhookMessage);
        add("POST", "/webhooks/" + app + "/" + TOKEN, false, this::followUp);
        add("GET", "/channels/" + ID, true, r -> messages.channel(r.group(1)).map(c -> Reply.json(200, c))
                .orElseGet(RestApi::unknownChannel));
        add("PATCH", "/channels/" + ID, true, this::modifyChannel);
        add("DELETE", "/channels/" + ID, true, this::deleteChannel);
        add("GET", "/channels/" + ID + "/threads/archived/public", true, this::archivedThreads);
        add("POST", "/channels/" + ID + "/messages", true, this::postMessage);
        add("GET", "/channels/" + ID + "/messages/" + ID, true, r -> messages.message(r.group(2))
                .filter(m -> m.path("channel_id").asText().equals(r.group(1))).map(m -> Reply.json(200, m))
                .orElseGet(RestApi::unknownMessage));
        add("PATCH", "/channels/" + ID + "/messages/" + ID, true, this::editChannelMessage);
        add("DELETE", "/channels/" + ID + "/messages/" + ID, true,
                r -> messages.delete(r.group(2)) ? Reply.noContent() : unknownMessage());
        add("POST", "/channels/" + ID + "/threads", true, r -> createThread(r, Optional.empty()));
        add("POST", "/channels/" + ID + "/messages/" + ID + "/threads", true, r -> createThread(r, Optional.of(r.group(2))));
        add("PUT", "/channels/" + ID + "/messages/" + ID + "/reactions/([^/]+)/@me", true,
                r -> messages.message(r.group(2)).map(m -> Reply.noContent()).orElseGet(RestApi::unknownMessage));
        add("DELETE", "/channels/" + ID + "/messages/" + ID + "/reactions/([^/]+)/@me", true,
                r -> messages.message(r.group(2)).map(m -> Reply.noContent()).orElseGet(RestApi::unknownMessage));
    }

    private void add(String method, String route, boolean needsToken, Function<Request, Reply> handler) {
        routes.add(new Route(method, Pattern.compile("^" + route + "$"), needsToken, handler));
    }

    /** Whether this request is for the API (else it is the stand-in's own page). */
    static boolean handles(String path) {
        return VERSIONED.matcher(path).matches();
    }

    void handle(HttpExchange exchange) throws IOException {
        long receivedNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        String method = exchange.getRequestMethod();
        Matcher versioned = VERSIONED.matcher(exchange.getRequestURI().getPath());
        String route = versioned.matches() ? versioned.group(1) : exchange.getRequestURI().getPath();
        String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode body;
        List<RecordedCall.UploadedFile> files = new ArrayList<>();
        if (Multipart.is(contentType)) {
            body = MissingNode.getInstance();
            for (Multipart.Part part : Multipart.parse(contentType, raw)) {
                if (part.fileName().isPresent()) {
                    files.add(new RecordedCall.UploadedFile(part.name(), part.fileName().get(), part.contentType(),
                            part.content()));
                } else if (part.name().equals("payload_json")) {
                    body = Json.parse(part.content());
                }
            }
        } else {
            body = Json.parse(raw);
        }
        boolean authorized = ("Bot " + payloads.world().token())
                .equals(exchange.getRequestHeaders().getFirst("Authorization"));
        Reply reply;
        try {
            reply = answer(method, route, query, authorized, body, files, receivedNanos);
        } catch (RuntimeException e) {
            LOG.warn("the stand-in failed on {} {}", method, route, e);
            reply = Reply.error(500, 0, "500: Internal Server Error");
        }
        synchronized (calls) {
            calls.add(new RecordedCall(calls.size() + 1, receivedAt, receivedNanos, method, route, query, authorized,
                    body, files, reply.status(), reply.body()));
        }
        send(exchange, reply);
    }

    private Reply answer(String method, String route, String query, boolean authorized, JsonNode body,
                         List<RecordedCall.UploadedFile> files, long receivedNanos) {
        Optional<Fault> fault = takeFault(method, route);
        if (fault.isPresent()) {
            return faultReply(fault.get());
        }
        boolean knownPath = false;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(route);
            if (!m.matches()) {
                continue;
            }
            knownPath = true;
            if (!r.method().equals(method)) {
                continue;
            }
            if (r.needsToken() && !authorized) {
                return Reply.error(401, 0, "401: Unauthorized");
            }
            return r.handler().apply(new Request(method, route, query, authorized, body, files, receivedNanos, m));
        }
        return knownPath ? Reply.error(405, 0, "405: Method Not Allowed") : Reply.error(404, 0, "404: Not Found");
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (reply.status() == 204 || reply.body().isMissingNode()) {
            exchange.sendResponseHeaders(reply.status(), -1);
            exchange.close();
            return;
        }
        byte[] bytes = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // --- faults ---

    void failNext(String method, String routeRegex, Fault fault) {
        synchronized (faults) {
            faults.add(new PendingFault(method, Pattern.compile(routeRegex), fault));
        }
    }

    private Optional<Fault> takeFault(String method, String route) {
        synchronized (faults) {
            for (int i = 0; i < faults.size(); i++) {
                PendingFault f = faults.get(i);
                if (f.method().equals(method) && f.route().matcher(route).matches()) {
                    faults.remove(i);
                    return Optional.of(f.fault());
                }
            }
        }
        return Optional.empty();
    }

    private static Reply faultReply(Fault fault) {
        return switch (fault) {
            case Fault.RateLimited limited -> {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Retry-After", Long.toString(limited.retryAfterSeconds()));
                headers.put("X-RateLimit-Limit", "5");
                headers.put("X-RateLimit-Remaining", "0");
                headers.put("X-RateLimit-Reset-After", limited.retryAfterSeconds() + ".000");
                headers.put("X-RateLimit-Bucket", "standin-bucket");
                headers.put("X-RateLimit-Scope", "user");
                headers.put("Via", "1.1 google");
                yield new Reply(429, Json.object().put("message", "You are being rate limited.")
                        .put("retry_after", (double) limited.retryAfterSeconds()).put("global", false).put("code", 0),
                        headers);
            }
            case Fault.ServerError error -> Reply.error(error.status(), 0, error.status() + ": Server Error");
        };
    }

    List<RecordedCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    // --- routes ---

    private Reply gateway() {
        ObjectNode json = Json.object().put("url", gatewayUrl.get()).put("shards", 1);
        json.putObject("session_start_limit").put("total", 1000).put("remaining", 999).put("reset_after", 0)
                .put("max_concurrency", 1);
        return Reply.json(200, json);
    }

    private Reply guildCommands(Request r, boolean overwrite) {
        Optional<Reply> wrongGuild = guild(r.group(2));
        if (wrongGuild.isPresent()) {
            return wrongGuild.get();
        }
        if (!r.group(1).equals(payloads.world().applicationId())) {
            return Reply.error(403, 50001, "Missing Access");
        }
        return Reply.json(200, overwrite ? commands.overwrite(false, r.body()) : commands.list(false));
    }

    private Optional<Reply> guild(String guildId) {
        return guildId.equals(payloads.world().guildId()) ? Optional.empty()
                : Optional.of(Reply.error(403, 50001, "Missing Access"));
    }

    private Reply callback(Request r) {
        Optional<Interactions.State> found = interactions.byId(r.group(1)).filter(s -> s.token.equals(r.group(2)));
        if (found.isEmpty()) {
            return unknownInteraction();
        }
        Interactions.State state = found.get();
        JsonNode data = r.body().path("data");
        int type = r.body().path("type").asInt(-1);
        synchronized (state) {
            if (state.callbackType != -1) {
                return Reply.error(400, 40060, "Interaction has already been acknowledged.");
            }
            if (interactions.tooLate(state, r.receivedNanos())) {
                return unknownInteraction();
            }
            Optional<Reply> invalid = switch (type) {
                case 4, 7 -> MessageLimits.check(data, r.files(), true);
                case 5, 6, 8, 9 -> Optional.empty();
                default -> Optional.of(Reply.error(400, 50035, "Invalid Form Body"));
            };
            if (invalid.isEmpty() && (type == 6 || type == 7) && state.componentMessageId.isEmpty()) {
                invalid = Optional.of(Reply.error(400, 40004, "Interaction has no message to update"));
            }
            if (invalid.isEmpty() && type == 8 && state.type != Interactions.AUTOCOMPLETE) {
                invalid = Optional.of(Reply.error(400, 50035, "Invalid Form Body"));
            }
            if (invalid.isPresent()) {
                return invalid.get();
            }
            Optional<ObjectNode> message = switch (type) {
                case 4 -> Optional.of(messages.createByBot(state.channelId, data, r.files(),
                        state.type == Interactions.COMMAND ? 20 : 0, 0, true));
                case 5 -> Optional.of(messages.createByBot(state.channelId, ephemeralOnly(data), List.of(),
                        state.type == Interactions.COMMAND ? 20 : 0, MessageStore.LOADING, true));
                case 7 -> messages.edit(state.componentMessageId.orElseThrow(), data, r.files());
                case 6 -> messages.message(state.componentMessageId.orElseThrow());
                default -> Optional.empty();
            };
            state.callbackType = type;
            state.originalMessageId = message.map(m -> m.path("id").asText());
            if (!r.query().contains("with_response=true")) {
                return Reply.noContent();
            }
            ObjectNode response = Json.object();
            ObjectNode interaction = response.putObject("interaction").put("id", state.id).put("type", state.type);
            message.ifPresent(m -> interaction.put("response_message_id", m.path("id").asText())
                    .put("response_message_loading", type == 5)
                    .put("response_message_ephemeral", (m.path("flags").asInt() & MessageStore.EPHEMERAL) != 0));
            ObjectNode resource = response.putObject("resource").put("type", type);
            if (type == 4 || type == 5 || type == 7) {
                message.ifPresent(m -> resource.set("message", m));
            }
            return Reply.json(200, response);
        }
    }

    private static JsonNode ephemeralOnly(JsonNode data) {
        return Json.object().put("flags", data.path("flags").asInt(0) & MessageStore.EPHEMERAL);
    }

    private Optional<Interactions.State> webhook(Request r) {
        return interactions.byToken(r.group(2)).filter(s -> r.group(1).equals(payloads.world().applicationId()))
                .filter(s -> s.callbackType != -1);
    }

    private Optional<String> webhookMessageId(Interactions.State state, String which) {
        return which.equals("@original") ? state.originalMessageId : Optional.of(which);
    }

    private Reply getWebhookMessage(Request r) {
        return webhook(r).map(state -> webhookMessageId(state, r.group(3)).flatMap(messages::message)
                .map(m -> Reply.json(200, m)).orElseGet(RestApi::unknownMessage)).orElseGet(RestApi::unknownWebhook);
    }

    private Reply editWebhookMessage(Request r) {
        Optional<Interactions.State> state = webhook(r);
        if (state.isEmpty()) {
            return unknownWebhook();
        }
        Optional<Reply> invalid = MessageLimits.check(r.body(), r.files(), false);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return webhookMessageId(state.get(), r.group(3)).flatMap(id -> messages.edit(id, r.body(), r.files()))
                .map(m -> Reply.json(200, m)).orElseGet(RestApi::unknownMessage);
    }

    private Reply deleteWebhookMessage(Request r) {
        return webhook(r).map(state -> webhookMessageId(state, r.group(3)).filter(messages::delete)
                .map(id -> Reply.noContent()).orElseGet(RestApi::unknownMessage)).orElseGet(RestApi::unknownWebhook);
    }

    private Reply followUp(Request r) {
        Optional<Interactions.State> state = webhook(r);
        if (state.isEmpty()) {
            return unknownWebhook();
        }
        Optional<Reply> invalid = MessageLimits.check(r.body(), r.files(), true);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return Reply.json(200, messages.createByBot(state.get().channelId, r.body(), r.files(), 0, 0, true));
    }

    private Reply postMessage(Request r) {
        String channelId = r.group(1);
        Optional<ObjectNode> channel = messages.channel(channelId);
        if (channel.isEmpty()) {
            return unknownChannel();
        }
        if (messages.isForum(channelId)) {
            return Reply.error(400, 50008, "Cannot send messages in a non-text channel");
        }
        if (channel.get().path("thread_metadata").path("locked").asBoolean(false)) {
            return Reply.error(403, 50083, "Thread is archived");
        }
        Optional<Reply> invalid = MessageLimits.check(r.body(), r.files(), true);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if ((r.body().path("flags").asInt(0) & MessageStore.EPHEMERAL) != 0) {
            return Reply.error(400, 50035, "Invalid Form Body: a channel message cannot be ephemeral");
        }
        String nonce = r.body().path("nonce").asText("");
        if (nonce.length() > 25) {
            return Reply.error(400, 50035, "Invalid Form Body: nonce must be at most 25 characters");
        }
        if (!nonce.isEmpty() && r.body().path("enforce_nonce").asBoolean(false)) {
            // Discord answers a repeated enforced nonce with the message it already has, and creates nothing
            Optional<ObjectNode> same = messages.byNonce(channelId, nonce);
            if (same.isPresent()) {
                return Reply.json(200, same.get());
            }
        }
        ObjectNode message = messages.createByBot(channelId, r.body(), r.files(), 0, 0, false);
        dispatchMessageCreate(message);
        return Reply.json(200, message);
    }

    private Reply editChannelMessage(Request r) {
        Optional<ObjectNode> message = messages.message(r.group(2))
                .filter(m -> m.path("channel_id").asText().equals(r.group(1)));
        if (message.isEmpty()) {
            return unknownMessage();
        }
        if (!message.get().path("author").path("id").asText().equals(payloads.world().botUserId())) {
            return Reply.error(403, 50005, "Cannot edit a message authored by another user");
        }
        Optional<Reply> invalid = MessageLimits.check(r.body(), r.files(), false);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return messages.edit(r.group(2), r.body(), r.files()).map(m -> Reply.json(200, m))
                .orElseGet(RestApi::unknownMessage);
    }

    private Reply createThread(Request r, Optional<String> fromMessage) {
        String parentId = r.group(1);
        Optional<ObjectNode> parent = messages.channel(parentId);
        if (parent.isEmpty()) {
            return unknownChannel();
        }
        if (parent.get().has("thread_metadata")) {
            return Reply.error(400, 50024, "Cannot execute action on this channel type");
        }
        String name = r.body().path("name").asText("");
        if (name.isBlank() || name.length() > 100) {
            return Reply.error(400, 50035, "Invalid Form Body: name must be 1 to 100 characters");
        }
        boolean forum = messages.isForum(parentId);
        if (fromMessage.isPresent() && messages.message(fromMessage.get())
                .filter(m -> m.path("channel_id").asText().equals(parentId)).isEmpty()) {
            return unknownMessage();
        }
        if (forum && fromMessage.isPresent()) {
            return Reply.error(400, 50024, "Cannot execute action on this channel type");
        }
        JsonNode starter = r.body().path("message");
        if (forum) {
            Optional<Reply> invalid = MessageLimits.check(starter, r.files(), true);
            if (invalid.isPresent()) {
                return invalid.get();
            }
        }
        ObjectNode thread = messages.createThread(parentId, fromMessage, r.body());
        ObjectNode created = thread.deepCopy().put("newly_created", true);
        dispatch("THREAD_CREATE", created);
        if (forum) {
            String threadId = thread.path("id").asText();
            ObjectNode first = messages.createByBot(threadId, threadId, starter, r.files(), 0, 0, false);
            thread.set("message", first);
            dispatchMessageCreate(first);
        }
        return Reply.json(201, thread);
    }

    private Reply modifyChannel(Request r) {
        Optional<ObjectNode> channel = messages.channel(r.group(1));
        if (channel.isEmpty()) {
            return unknownChannel();
        }
        if (!channel.get().has("thread_metadata")) {
            return Reply.error(400, 50024, "The stand-in modifies threads only");
        }
        return messages.modifyThread(r.group(1), r.body()).map(thread -> {
            dispatch("THREAD_UPDATE", thread);
            return Reply.json(200, thread);
        }).orElseGet(RestApi::unknownChannel);
    }

    private Reply deleteChannel(Request r) {
        Optional<ObjectNode> channel = messages.channel(r.group(1));
        if (channel.isEmpty()) {
            return unknownChannel();
        }
        if (!channel.get().has("thread_metadata")) {
            return Reply.error(400, 50024, "The stand-in deletes threads only");
        }
        ObjectNode thread = messages.deleteThread(r.group(1)).orElseThrow();
        dispatch("THREAD_DELETE", Json.object().put("id", thread.path("id").asText())
                .put("guild_id", thread.path("guild_id").asText()).put("parent_id", thread.path("parent_id").asText())
                .put("type", thread.path("type").asInt()));
        return Reply.json(200, thread);
    }

    /** A channel's archived public threads, newest archived first, before the {@code before} timestamp if given. */
    private Reply archivedThreads(Request r) {
        if (messages.channel(r.group(1)).isEmpty()) {
            return unknownChannel();
        }
        Optional<String> before = query(r.query(), "before");
        int limit = query(r.query(), "limit").map(Integer::parseInt).orElse(50);
        List<ObjectNode> archived = messages.threads().stream()
                .filter(t -> t.path("parent_id").asText().equals(r.group(1)))
                .filter(t -> t.path("thread_metadata").path("archived").asBoolean())
                .filter(t -> before.isEmpty() || java.time.OffsetDateTime.parse(t.path("thread_metadata")
                        .path("archive_timestamp").asText()).toInstant().isBefore(java.time.OffsetDateTime.parse(before.get()).toInstant()))
                .sorted(java.util.Comparator.comparing((ObjectNode t) -> t.path("thread_metadata")
                        .path("archive_timestamp").asText()).reversed())
                .toList();
        ObjectNode page = Json.object().put("has_more", archived.size() > limit);
        com.fasterxml.jackson.databind.node.ArrayNode threads = page.putArray("threads");
        archived.stream().limit(limit).forEach(threads::add);
        page.putArray("members");
        return Reply.json(200, page);
    }

    private static Optional<String> query(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private void dispatchMessageCreate(ObjectNode message) {
        ObjectNode event = message.deepCopy();
        event.set("member", payloads.botMemberFields());
        dispatch("MESSAGE_CREATE", event);
    }

    private void dispatch(String type, JsonNode data) {
        dispatcher.accept(type, data);
    }

    private static Reply unknownInteraction() {
        return Reply.error(404, 10062, "Unknown interaction");
    }

    private static Reply unknownWebhook() {
        return Reply.error(404, 10015, "Unknown Webhook");
    }

    private static Reply unknownMessage() {
        return Reply.error(404, 10008, "Unknown Message");
    }

    private static Reply unknownChannel() {
        return Reply.error(404, 10003, "Unknown Channel");
    }
}
