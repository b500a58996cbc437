package io.guichet.app.demo;

import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.RecordedCall;
import io.guichet.discord.standin.SentInteraction;
import io.guichet.discord.standin.StandInWorld;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The demo's Discord: the stand-in, a local server that answers the bot as Discord would (one support server with
 * a staff channel, the technician and manager roles, and three members: tess, max and nina), so a newcomer sees
 * the technicians' console without a Discord account. Guichet's Discord adapter is pointed at it by the ordinary
 * settings ({@code GUICHET_DISCORD_API_URL}, {@code GUICHET_DISCORD_GATEWAY_URL}); nothing else knows it is not
 * Discord. Only the demo uses it.
 */
public final class DemoDiscord implements AutoCloseable {

    /** Discord's timestamp markup, which a Discord client shows as a date. */
    private static final Pattern DISCORD_TIME = Pattern.compile("<t:(\\d{1,12})(?::[tTdDfFR])?>");

    private final DiscordStandIn standIn;

    private DemoDiscord(DiscordStandIn standIn) {
        this.standIn = standIn;
    }

    /** Starts the stand-in; its page and API on {@code httpPort} (0: a free port), its gateway on a free port. */
    public static DemoDiscord start(int httpPort) {
        return new DemoDiscord(DiscordStandIn.start(StandInWorld.example(),
                DiscordStandIn.Settings.defaults().withPorts(httpPort, 0)));
    }

    /** The Discord settings of a node talking to this stand-in. */
    public Map<String, String> settings() {
        StandInWorld world = standIn.world();
        return Map.of("GUICHET_DISCORD_TOKEN", world.token(), "GUICHET_DISCORD_GUILD_ID", world.guildId(),
                "GUICHET_DISCORD_STAFF_CHANNEL_ID", StandInWorld.EXAMPLE_STAFF_CHANNEL,
                // each ticket's thread in the staff channel: the stand-in's page lists the threads and their posts
                "GUICHET_DISCORD_THREAD_CHANNEL_ID", StandInWorld.EXAMPLE_STAFF_CHANNEL,
                // closed tickets' transcripts, as files, in #support-log
                "GUICHET_DISCORD_LOG_CHANNEL_ID", StandInWorld.EXAMPLE_LOG_CHANNEL,
                "GUICHET_DISCORD_TECHNICIAN_ROLE_ID", StandInWorld.EXAMPLE_TECHNICIAN_ROLE,
                "GUICHET_DISCORD_MANAGER_ROLE_ID", StandInWorld.EXAMPLE_MANAGER_ROLE,
                "GUICHET_DISCORD_API_URL", standIn.apiUrl(), "GUICHET_DISCORD_GATEWAY_URL", standIn.gatewayUrl());
    }

    public String pageUrl() {
        return standIn.pageUrl();
    }

    /** Waits until the bot is connected and has registered its commands; false if it has not within the timeout. */
    public boolean awaitBot(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (standIn.botConnected() && !standIn.registeredCommands().isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * Types a command as a member and waits for the bot's answer: what the member would read, or empty when no
     * answer came within the timeout.
     */
    public Optional<String> command(String member, String command, Duration timeout) throws InterruptedException {
        SentInteraction sent = standIn.slash(member, command);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<RecordedCall> calls = standIn.responsesTo(sent);
            if (calls.size() >= 2) {
                return Optional.of(DISCORD_TIME.matcher(calls.get(1).visibleText().strip()).replaceAll(m ->
                        Instant.ofEpochSecond(Long.parseLong(m.group(1))).toString()));
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    /** The members of the demo's guild and their roles, for people. */
    public String members() {
        return "tess (technician), max (technician and manager), nina (no role)";
    }

    @Override
    public void close() {
        standIn.close();
    }
}
