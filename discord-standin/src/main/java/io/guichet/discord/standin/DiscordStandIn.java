package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local Discord for JDA: the HTTP API on one port, the gateway on another, serving one guild
 * ({@link StandInWorld}). Point JDA's REST base URL at {@link #apiUrl()} and its gateway at {@link #gatewayUrl()};
 * it logs in, registers its commands, and receives what members do here ({@link #slash}, {@link #click},
 * {@link #say}). Every call it makes is recorded ({@link #calls()}) so a test asserts what Discord would have
 * received; {@link #failNext} makes Discord fail once (429, 5xx); {@link #dropGatewayConnections()} cuts the
 * gateway so the bot must resume. {@link #pageUrl()} is a page for people: the calls, what the bot posted, and a
 * box to type commands.
 *
 * <p>For tests and the demo only: it has no security of its own (anyone on the machine can use its ports).
 */
public final class DiscordStandIn implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordStandIn.class);

    private final StandInWorld world;
    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final Gateway gateway;
    private final CommandRegistry commands;
    private final MessageStore messages;
    private final Interactions interactions;
    private final RestApi api;
    private final String httpBase;

    /** Where the stand-in listens, and how long an interaction waits for its acknowledgement (Discord: 3 s). */
    public record Settings(String host, int httpPort, int gatewayPort, Duration acknowledgeWithin) {
        /** Free ports on the loopback interface, Discord's 3 seconds. */
        public static Settings defaults() {
            return new Settings("127.0.0.1", 0, 0, Duration.ofSeconds(3));
        }

        public Settings withPorts(int http, int gateway) {
            return new Settings(host, http, gateway, acknowledgeWithin);
        }
    }

    private DiscordStandIn(StandInWorld world, Settings settings) throws IOException {
        this.world = world;
        Snowflakes ids = new Snowflakes();
        Payloads payloads = new Payloads(world, ids.next());
        this.http = HttpServer.create(new InetSocketAddress(settings.host(), settings.httpPort()), 64);
        this.httpBase = "http://" + settings.host() + ":" + http.getAddress().getPort();
        this.commands = new CommandRegistry(ids, world.applicationId(), world.guildId());
        this.messages = new MessageStore(ids, payloads, httpBase + "/_standin/attachments/");
        this.interactions = new Interactions(ids, payloads, commands, messages, settings.acknowledgeWithin());
        this.gateway = new Gateway(new InetSocketAddress(settings.host(), settings.gatewayPort()), payloads);
        this.api = new RestApi(payloads, commands, messages, interactions, this::dispatchIfConnected, gateway::url);
        StandInPage page = new StandInPage(this);
        this.httpThreads = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(httpThreads);
        http.createContext("/", exchange -> {
            try {
                if (RestApi.handles(exchange.getRequestURI().getRawPath())) {
                    api.handle(exchange);
                } else {
                    page.handle(exchange);
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("stand-in request {} failed: {}", exchange.getRequestURI(), e.toString());
                exchange.close();
            }
        });
    }

    /** The example world on free loopback ports. */
    public static DiscordStandIn start() {
        return start(StandInWorld.example(), Settings.defaults());
    }

    public static DiscordStandIn start(StandInWorld world, Settings settings) {
        try {
            DiscordStandIn standIn = new DiscordStandIn(world, settings);
            standIn.http.start();
            standIn.gateway.startAndWait();
            LOG.info("Discord stand-in: API {}, gateway {}, page {}", standIn.apiUrl(), standIn.gatewayUrl(),
                    standIn.pageUrl());
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("the Discord stand-in could not listen: " + e.getMessage(), e);
        }
    }

    public StandInWorld world() {
        return world;
    }

    /** JDA's REST base URL for this stand-in ({@code RestConfig.setBaseUrl}). */
    public String apiUrl() {
        return httpBase + "/api/v10/";
    }

    /** The gateway address to give JDA (its session controller's {@code getGateway()}). */
    public String gatewayUrl() {
        return gateway.url();
    }

    /** The page for people: calls, messages, and a box to type commands. */
    public String pageUrl() {
        return httpBase + "/_standin/";
    }

    // --- the bot's connection ---

    /** Whether a bot has a session with an open gateway connection. */
    public boolean botConnected() {
        return gateway.connectedSessions() > 0;
    }

    /** Sessions identified and not ended (a dropped one counts until it is resumed or ends). */
    public int liveSessions() {
        return gateway.liveSessions();
    }

    /** Every gateway frame received and sent, oldest first (the last 10,000). */
    public List<GatewayEvent> gatewayEvents() {
        return gateway.events();
    }

    /** Cuts every gateway connection without a close frame, as a network failure would. */
    public int dropGatewayConnections() {
        return gateway.dropConnections();
    }

    // --- what members do ---

    /** {@code member} runs a slash command, e.g. {@code slash("tess", "ticket show", Map.of("ticket", "1000"))}. */
    public SentInteraction slash(String member, String commandPath, Map<String, String> options) {
        return send(interactions.slash(world.member(member), world.commandChannel().id(), commandPath, options));
    }

    /** {@code member} types a command as in Discord, e.g. {@code /ticket reply ticket:1000 text:Done, thanks}. */
    public SentInteraction slash(String member, String commandText) {
        CommandText parsed = CommandText.parse(commandText, commands);
        return slash(member, parsed.path(), parsed.options());
    }

    /** {@code member} submits the modal {@code customId} with these text inputs' values (by their custom ids). */
    public SentInteraction submitModal(String member, String customId, Map<String, String> values) {
        return send(interactions.modalSubmit(world.member(member), world.commandChannel().id(), customId, values));
    }

    /** {@code member} clicks the button with this custom id on the newest message that has it. */
    public SentInteraction click(String member, String customId) {
        return send(interactions.click(world.member(member), customId));
    }

    /** {@code member} is typing option {@code focused} of a command (its value is what was typed so far). */
    public SentInteraction autocomplete(String member, String commandPath, Map<String, String> options, String focused) {
        return send(interactions.autocomplete(world.member(member), world.commandChannel().id(), commandPath, options,
                focused));
    }

    /** {@code member} writes a message in a channel or thread: a MESSAGE_CREATE dispatch. Returns the message's id. */
    public String say(String member, String channelId, String content) {
        return say(member, channelId, content, Map.of());
    }

    /**
     * {@code member} writes a message with files attached (name to bytes), served back under the attachments' URLs as
     * Discord's CDN serves them. Returns the message's id.
     */
    public String say(String member, String channelId, String content, Map<String, byte[]> files) {
        if (messages.channel(channelId).isEmpty()) {
            throw new IllegalArgumentException("no channel " + channelId + " in the stand-in's guild");
        }
        List<RecordedCall.UploadedFile> uploaded = files.entrySet().stream()
                .map(f -> new RecordedCall.UploadedFile("files[" + f.getKey() + "]", f.getKey(), "application/octet-stream",
                        f.getValue())).toList();
        ObjectNode message = messages.createByMember(channelId, world.member(member), content, uploaded);
        gateway.dispatch("MESSAGE_CREATE", message);
        return message.path("id").asText();
    }

    /**
     * Dispatches MESSAGE_CREATE of an existing message once more, as Discord may after a resume (delivery is at least
     * once): the bot must not act on it twice.
     */
    public void redeliver(String messageId) {
        ObjectNode message = messages.message(messageId)
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageId)).deepCopy();
        gateway.dispatch("MESSAGE_CREATE", message);
    }

    private SentInteraction send(Interactions.Built built) {
        Instant at = Instant.now();
        long nanos = System.nanoTime();
        built.state().dispatchedNanos = nanos;
        gateway.dispatch("INTERACTION_CREATE", built.payload());
        return new SentInteraction(built.state().id, built.state().token, built.what(), at, nanos);
    }

    private void dispatchIfConnected(String type, JsonNode data) {
        if (gateway.liveSessions() > 0) {
            gateway.dispatch(type, data);
        }
    }

    // --- what Discord received ---

    /** Every API call, in order of arrival. */
    public List<RecordedCall> calls() {
        return api.calls();
    }

    /** The calls answering an interaction (its callback, then its webhook: edits, follow-ups), in order. */
    public List<RecordedCall> responsesTo(SentInteraction interaction) {
        return calls().stream().filter(c -> c.route().startsWith("/interactions/" + interaction.id() + "/")
                || c.route().startsWith("/webhooks/" + world.applicationId() + "/" + interaction.token())).toList();
    }

    /** Messages posted to a channel ({@code POST /channels/{id}/messages}), including refused attempts. */
    public List<RecordedCall> postsTo(String channelId) {
        return calls().stream().filter(c -> c.method().equals("POST") && c.route().equals("/channels/" + channelId
                + "/messages")).toList();
    }

    /** The guild's commands as the bot registered them. */
    public JsonNode registeredCommands() {
        return commands.list(false);
    }

    /** Every message as Discord holds it now (edits applied), oldest first. */
    public List<JsonNode> messages() {
        return List.copyOf(messages.messages());
    }

    public Optional<JsonNode> message(String id) {
        return messages.message(id).map(JsonNode.class::cast);
    }

    /** Threads created since the start. */
    public List<JsonNode> threads() {
        return List.copyOf(messages.threads());
    }

    /** The next call matching the method and route (a regex on the path without {@code /api/v10}) gets this fault. */
    public void failNext(String method, String routeRegex, Fault fault) {
        api.failNext(method, routeRegex, fault);
    }

    Optional<RecordedCall.UploadedFile> attachment(String id) {
        return messages.attachment(id);
    }

    Optional<String> answering(String messageId) {
        return interactions.answering(messageId);
    }

    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
