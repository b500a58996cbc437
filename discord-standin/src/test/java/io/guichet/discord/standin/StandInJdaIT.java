package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The stand-in against JDA 6.2 itself, unpatched: login, guild, command registration, interactions with their
 * callbacks, channel posts with files, threads, member messages, a 429, and a resume after a dropped connection.
 */
class StandInJdaIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static DiscordStandIn discord;
    private static JDA jda;
    private static final Queue<String> handled = new ConcurrentLinkedQueue<>();
    private static final Queue<String> received = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void login() throws InterruptedException {
        discord = DiscordStandIn.start();
        jda = connect(discord, Compression.ZLIB).addEventListeners(new ListenerAdapter() {
            @Override
            public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                handled.add(event.getId());
                event.deferReply(true).queue();
                event.getHook().editOriginal("pong " + event.getOption("word", "", o -> o.getAsString())).queue();
            }

            @Override
            public void onButtonInteraction(ButtonInteractionEvent event) {
                handled.add(event.getId());
                event.deferEdit().queue();
                event.getHook().editOriginal("clicked " + event.getComponentId()).queue();
            }

            @Override
            public void onMessageReceived(MessageReceivedEvent event) {
                received.add(event.getAuthor().getName() + ": " + event.getMessage().getContentRaw());
            }
        }).build().awaitReady();
        jda.getGuildById(discord.world().guildId()).updateCommands().addCommands(
                Commands.slash("ping", "Answers pong").addOption(OptionType.STRING, "word", "A word", true)
                        .addOption(OptionType.INTEGER, "times", "How often")).complete();
    }

    static JDABuilder connect(DiscordStandIn standIn, Compression compression) {
        return JDABuilder.createLight(standIn.world().token(), EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                        GatewayIntent.MESSAGE_CONTENT))
                .setRestConfig(new RestConfig().setBaseUrl(standIn.apiUrl()))
                .setSessionController(new SessionControllerAdapter() {
                    @Override
                    public String getGateway() {
                        return standIn.gatewayUrl();
                    }
                })
                .setCompression(compression);
    }

    @AfterAll
    static void stop() {
        if (jda != null) {
            jda.shutdownNow();
        }
        discord.close();
    }

    @Test
    @DisplayName("JDA logs in: GET /users/@me with the bot token, then the guild arrives with its channels and roles")
    void login_and_guild() {
        assertThat(discord.calls().getFirst()).satisfies(c -> {
            assertThat(c.method() + " " + c.route()).isEqualTo("GET /users/@me");
            assertThat(c.authorized()).isTrue();
        });
        Guild guild = jda.getGuildById(discord.world().guildId());
        assertThat(guild).isNotNull();
        assertThat(guild.getTextChannelById(StandInWorld.EXAMPLE_STAFF_CHANNEL).getName()).isEqualTo("support-staff");
        assertThat(guild.getForumChannelById(StandInWorld.EXAMPLE_FORUM_CHANNEL)).isNotNull();
        assertThat(guild.getRoleById(StandInWorld.EXAMPLE_TECHNICIAN_ROLE).getName()).isEqualTo("technician");
        assertThat(jda.getSelfUser().getApplicationId()).isEqualTo(discord.world().applicationId());
        assertThat(discord.gatewayEvents()).filteredOn(e -> e.direction() == GatewayEvent.Direction.SENT)
                .extracting(GatewayEvent::name).startsWith("HELLO").contains("READY", "GUILD_CREATE");
    }

    @Test
    @DisplayName("a slash command reaches JDA with typed options; the deferral (ephemeral) and the edit are recorded")
    void slashCommand() {
        assertThat(discord.registeredCommands()).extracting(c -> c.path("name").asText()).contains("ping");

        SentInteraction ping = discord.slash("tess", "/ping word:hello there times:3");

        await().atMost(WAIT).until(() -> discord.responsesTo(ping).size() >= 2);
        List<RecordedCall> calls = discord.responsesTo(ping);
        assertThat(calls.get(0)).satisfies(c -> {
            assertThat(c.isInteractionCallback()).isTrue();
            assertThat(c.callbackType()).isEqualTo(5);
            assertThat(c.ephemeral()).isTrue();
            assertThat(c.query()).contains("with_response=true");
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.millisAfter(ping.dispatchedNanos())).isBetween(0.0, 3000.0);
        });
        assertThat(calls.get(1)).satisfies(c -> {
            assertThat(c.method() + " " + c.route()).endsWith("/messages/@original").startsWith("PATCH /webhooks/");
            assertThat(c.content()).isEqualTo("pong hello there");
            assertThat(c.status()).isEqualTo(200);
        });
        assertThat(handled).containsOnlyOnce(ping.id());
    }

    @Test
    @DisplayName("what a Discord client refuses is refused: an unregistered command, an unknown option, a bad number")
    void clientChecks() {
        assertThatThrownBy(() -> discord.slash("tess", "/pong")).hasMessageContaining("not registered");
        assertThatThrownBy(() -> discord.slash("tess", "ping", Map.of("word", "a", "colour", "red")))
                .hasMessageContaining("no option 'colour'");
        assertThatThrownBy(() -> discord.slash("tess", "ping", Map.of("word", "a", "times", "many")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> discord.slash("tess", "ping", Map.of())).hasMessageContaining("needs the option 'word'");
    }

    @Test
    @DisplayName("a channel post with a file is multipart: payload_json and the file are recorded, the file is served back")
    void channelPostWithFile() {
        TextChannel channel = jda.getTextChannelById(StandInWorld.EXAMPLE_STAFF_CHANNEL);
        Message sent = channel.sendMessage("log attached").addFiles(FileUpload.fromData(
                "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8), "agent.log")).complete();

        assertThat(sent.getAttachments()).singleElement().satisfies(a -> assertThat(a.getFileName()).isEqualTo("agent.log"));
        RecordedCall post = discord.postsTo(StandInWorld.EXAMPLE_STAFF_CHANNEL).getLast();
        assertThat(post.content()).isEqualTo("log attached");
        assertThat(post.files()).singleElement().satisfies(f -> {
            assertThat(f.fileName()).isEqualTo("agent.log");
            assertThat(new String(f.content(), StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\n");
        });
        assertThat(sent.getAttachments().getFirst().getUrl()).startsWith(discord.pageUrl() + "attachments/");
    }

    @Test
    @DisplayName("a 429 with Retry-After and Via on a channel post: JDA waits and retries, and the post lands")
    void rateLimited() {
        discord.failNext("POST", "/channels/" + StandInWorld.EXAMPLE_STAFF_CHANNEL + "/messages",
                Fault.rateLimited(Duration.ofSeconds(1)));
        int before = discord.postsTo(StandInWorld.EXAMPLE_STAFF_CHANNEL).size();

        Message sent = jda.getTextChannelById(StandInWorld.EXAMPLE_STAFF_CHANNEL).sendMessage("after the limit").complete();

        List<RecordedCall> posts = discord.postsTo(StandInWorld.EXAMPLE_STAFF_CHANNEL);
        assertThat(posts.subList(before, posts.size())).extracting(RecordedCall::status).containsExactly(429, 200);
        assertThat(posts.getLast().millisAfter(posts.get(before).receivedNanos())).isGreaterThanOrEqualTo(900.0);
        assertThat(discord.message(sent.getId())).isPresent();
    }

    @Test
    @DisplayName("threads: one in a text channel, a forum post with its first message, archiving")
    void threads() {
        ThreadChannel thread = jda.getTextChannelById(StandInWorld.EXAMPLE_STAFF_CHANNEL)
                .createThreadChannel("#1000 S2 Agents offline").complete();
        thread.sendMessage("in the thread").complete();
        ForumChannel forum = jda.getForumChannelById(StandInWorld.EXAMPLE_FORUM_CHANNEL);
        var post = forum.createForumPost("#1001 S1 Down", MessageCreateData.fromContent("first post")).complete();
        post.getThreadChannel().getManager().setArchived(true).complete();

        assertThat(discord.threads()).extracting(t -> t.path("name").asText())
                .contains("#1000 S2 Agents offline", "#1001 S1 Down");
        assertThat(discord.message(post.getMessage().getId())).get()
                .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("first post"));
        assertThat(discord.threads()).filteredOn(t -> t.path("id").asText().equals(post.getThreadChannel().getId()))
                .singleElement().satisfies(t -> assertThat(t.path("thread_metadata").path("archived").asBoolean()).isTrue());
        assertThat(discord.postsTo(thread.getId())).singleElement()
                .satisfies(c -> assertThat(c.content()).isEqualTo("in the thread"));
    }

    @Test
    @DisplayName("a member's message arrives as MESSAGE_CREATE; a button on a posted message is clicked and deferred in place")
    void memberMessageAndButton() {
        discord.say("tess", StandInWorld.EXAMPLE_STAFF_CHANNEL, "hello bot");
        await().atMost(WAIT).until(() -> received.contains("tess: hello bot"));

        jda.getTextChannelById(StandInWorld.EXAMPLE_STAFF_CHANNEL).sendMessage("pick")
                .setComponents(ActionRow.of(Button.primary("claim:7", "Claim"))).complete();
        SentInteraction click = discord.click("max", "claim:7");

        await().atMost(WAIT).until(() -> discord.responsesTo(click).size() >= 2);
        assertThat(discord.responsesTo(click)).extracting(RecordedCall::status).containsExactly(200, 200);
        assertThat(discord.responsesTo(click).getFirst().callbackType()).isEqualTo(6);
        JsonNode edited = discord.responsesTo(click).get(1).response();
        assertThat(edited.path("content").asText()).isEqualTo("clicked claim:7");
        assertThatThrownBy(() -> discord.click("max", "nothing:1")).hasMessageContaining("no message has a button");
    }

    @Test
    @DisplayName("a dropped gateway connection is resumed, not re-identified; what was sent meanwhile is replayed once")
    void resume() {
        long identifies = identifies();
        assertThat(discord.dropGatewayConnections()).isEqualTo(1);
        SentInteraction duringOutage = discord.slash("tess", "ping", Map.of("word", "meanwhile"));

        await().atMost(WAIT).until(() -> discord.gatewayEvents().stream().anyMatch(e -> e.name().equals("RESUMED")));
        await().atMost(WAIT).until(() -> jda.getStatus() == JDA.Status.CONNECTED);
        SentInteraction after = discord.slash("tess", "ping", Map.of("word", "after"));

        await().atMost(WAIT).until(() -> discord.responsesTo(after).size() >= 2 && discord.responsesTo(duringOutage).size() >= 2);
        assertThat(identifies()).isEqualTo(identifies);
        assertThat(discord.gatewayEvents()).filteredOn(e -> e.direction() == GatewayEvent.Direction.RECEIVED)
                .extracting(GatewayEvent::name).contains("RESUME");
        assertThat(handled).containsOnlyOnce(duringOutage.id(), after.id());
        assertThat(discord.responsesTo(after).get(1).content()).isEqualTo("pong after");
    }

    @Test
    @DisplayName("the page for people: a command typed there reaches the bot, and the answer and the calls are shown")
    void pageForPeople() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> sent = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(discord.pageUrl() + "interactions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("member=max&command=%2Fping+word%3Afrom+the+page"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> refused = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(discord.pageUrl() + "interactions"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"member\":\"max\",\"command\":\"/pong\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("not registered");
        await().atMost(WAIT).until(() -> page(http).contains("pong from the page"));
        assertThat(page(http)).contains("answer to max's /ping", "PATCH /webhooks/");
        assertThat(Json.parse(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(discord.pageUrl()
                + "calls.json")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body()).size())
                .isEqualTo(discord.calls().size());
    }

    private static String page(java.net.http.HttpClient http) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(discord.pageUrl())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long identifies() {
        return discord.gatewayEvents().stream().filter(e -> e.name().equals("IDENTIFY")).count();
    }

    @Test
    @DisplayName("without compression too, and a wrong token is refused at login")
    void uncompressedAndWrongToken() throws InterruptedException {
        try (DiscordStandIn other = DiscordStandIn.start()) {
            JDA plain = connect(other, Compression.NONE).build().awaitReady();
            try {
                assertThat(plain.getGuildById(other.world().guildId())).isNotNull();
            } finally {
                plain.shutdownNow();
            }
            assertThatThrownBy(() -> JDABuilder.createLight("wrong-token")
                    .setRestConfig(new RestConfig().setBaseUrl(other.apiUrl())).build())
                    .isInstanceOf(net.dv8tion.jda.api.exceptions.InvalidTokenException.class);
        }
    }
}
