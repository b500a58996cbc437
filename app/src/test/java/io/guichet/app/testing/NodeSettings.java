package io.guichet.app.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.StandInWorld;

import java.util.HashMap;
import java.util.Map;

/** The settings of a node under test, as its environment would give them: mail on GreenMail, Discord on the stand-in. */
public final class NodeSettings {

    private NodeSettings() {
    }

    /**
     * A node reading the support mailbox on {@code mail}'s IMAP server (user {@code support}, password {@code secret})
     * every {@code poll} and sending through its SMTP server, both in plain text, as {@code support}; every other
     * setting at its default. The map is the test's to add to.
     */
    public static Map<String, String> onGreenMail(GreenMail mail, String support, String poll) {
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.put("GUICHET_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
        settings.put("GUICHET_IMAP_SECURITY", "none");
        settings.put("GUICHET_IMAP_USER", "support");
        settings.put("GUICHET_IMAP_PASSWORD", "secret");
        settings.put("GUICHET_IMAP_POLL_INTERVAL", poll);
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_SUPPORT_ADDRESS", support);
        return settings;
    }

    /**
     * Adds the technicians' console on {@code discord}'s example world: its bot token and guild, its technician and
     * manager roles, {@code staffChannel} for the staff notices, and the stand-in's API and gateway addresses.
     */
    public static Map<String, String> withStandIn(Map<String, String> settings, DiscordStandIn discord,
                                                  String staffChannel) {
        StandInWorld world = discord.world();
        settings.put("GUICHET_DISCORD_TOKEN", world.token());
        settings.put("GUICHET_DISCORD_GUILD_ID", world.guildId());
        settings.put("GUICHET_DISCORD_STAFF_CHANNEL_ID", staffChannel);
        settings.put("GUICHET_DISCORD_TECHNICIAN_ROLE_ID", StandInWorld.EXAMPLE_TECHNICIAN_ROLE);
        settings.put("GUICHET_DISCORD_MANAGER_ROLE_ID", StandInWorld.EXAMPLE_MANAGER_ROLE);
        settings.put("GUICHET_DISCORD_API_URL", discord.apiUrl());
        settings.put("GUICHET_DISCORD_GATEWAY_URL", discord.gatewayUrl());
        return settings;
    }

    /** The configuration {@code settings} make; a test's settings are valid, else it fails saying why. */
    public static GuichetConfig config(Map<String, String> settings) {
        return switch (ConfigReader.read(settings)) {
            case ConfigReader.Result.Valid valid -> valid.config();
            case ConfigReader.Result r -> throw new AssertionError("the test's settings are refused: " + r);
        };
    }
}
