package io.guichet.discord;

import io.guichet.discord.console.StaffRoles;

import java.util.Optional;

/**
 * How the Discord adapter connects: the bot token (none: the adapter stays off), the guild whose commands it
 * registers, the staff channel it posts to, and the technician and manager roles.
 */
public record DiscordSettings(Optional<String> token, String guildId, String staffChannelId, String technicianRoleId,
                              String managerRoleId) {

    public DiscordSettings {
        token = token.map(String::strip).filter(t -> !t.isEmpty());
    }

    public StaffRoles roles() {
        return new StaffRoles(technicianRoleId, managerRoleId);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "DiscordSettings[token=" + (token.isPresent() ? "(set)" : "(none)") + ", guildId=" + guildId
                + ", staffChannelId=" + staffChannelId + ", technicianRoleId=" + technicianRoleId
                + ", managerRoleId=" + managerRoleId + "]";
    }
}
