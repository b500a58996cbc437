package io.guichet.discord;

import io.guichet.discord.console.StaffRoles;

import java.util.Optional;

/**
 * How the Discord adapter connects: the bot token (none: the adapter stays off), the guild whose commands it
 * registers, the staff channel it posts to, and the technician and manager roles.
 *
 * @param apiUrl     Discord's HTTP API base URL (version included) when not Discord's own: a proxy, or a stand-in
 * @param gatewayUrl the gateway's address when not Discord's own
 * @param threadChannelId the text or forum channel where each ticket gets its thread; none: no ticket threads
 * @param logChannelId the text channel where a closed ticket's transcript is posted (R13); none: not posted
 */
public record DiscordSettings(Optional<String> token, String guildId, String staffChannelId, String technicianRoleId,
                              String managerRoleId, Optional<String> apiUrl, Optional<String> gatewayUrl,
                              Optional<String> threadChannelId, Optional<String> logChannelId) {

    public DiscordSettings {
        token = token.map(String::strip).filter(t -> !t.isEmpty());
        apiUrl = apiUrl.map(String::strip).filter(u -> !u.isEmpty());
        gatewayUrl = gatewayUrl.map(String::strip).filter(u -> !u.isEmpty());
        threadChannelId = threadChannelId.map(String::strip).filter(c -> !c.isEmpty());
        logChannelId = logChannelId.map(String::strip).filter(c -> !c.isEmpty());
    }

    /** No log channel. */
    public DiscordSettings(Optional<String> token, String guildId, String staffChannelId, String technicianRoleId,
                           String managerRoleId, Optional<String> apiUrl, Optional<String> gatewayUrl,
                           Optional<String> threadChannelId) {
        this(token, guildId, staffChannelId, technicianRoleId, managerRoleId, apiUrl, gatewayUrl, threadChannelId,
                Optional.empty());
    }

    /** No ticket threads. */
    public DiscordSettings(Optional<String> token, String guildId, String staffChannelId, String technicianRoleId,
                           String managerRoleId, Optional<String> apiUrl, Optional<String> gatewayUrl) {
        this(token, guildId, staffChannelId, technicianRoleId, managerRoleId, apiUrl, gatewayUrl, Optional.empty());
    }

    /** Discord's own API and gateway. */
    public DiscordSettings(Optional<String> token, String guildId, String staffChannelId, String technicianRoleId,
                           String managerRoleId) {
        this(token, guildId, staffChannelId, technicianRoleId, managerRoleId, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public StaffRoles roles() {
        return new StaffRoles(technicianRoleId, managerRoleId);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "DiscordSettings[token=" + (token.isPresent() ? "(set)" : "(none)") + ", guildId=" + guildId
                + ", staffChannelId=" + staffChannelId + ", technicianRoleId=" + technicianRoleId
                + ", managerRoleId=" + managerRoleId + ", apiUrl=" + apiUrl.orElse("(Discord)")
                + ", gatewayUrl=" + gatewayUrl.orElse("(Discord)")
                + ", threadChannelId=" + threadChannelId.orElse("(no ticket threads)")
                + ", logChannelId=" + logChannelId.orElse("(no transcripts)") + "]";
    }
}
