package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** Discord's objects (user, member, role, channel, guild) as JSON, for the world the stand-in serves. */
final class Payloads {

    private final StandInWorld world;
    private final Instant joinedAt = Instant.parse("2025-01-06T09:00:00Z");
    private final String botRoleId;

    Payloads(StandInWorld world, String botRoleId) {
        this.world = world;
        this.botRoleId = botRoleId;
    }

    StandInWorld world() {
        return world;
    }

    ObjectNode botUser() {
        return user(world.botUserId(), world.botName(), true).put("verified", true).put("mfa_enabled", false)
                .put("flags", 0).putNull("email");
    }

    ObjectNode user(String id, String name, boolean bot) {
        ObjectNode user = Json.object().put("id", id).put("username", name).put("discriminator", "0")
                .put("public_flags", 0).put("bot", bot);
        user.putNull("global_name");
        user.putNull("avatar");
        return user;
    }

    ObjectNode user(StandInWorld.Member member) {
        return user(member.userId(), member.userName(), false);
    }

    /** A guild member as in GUILD_CREATE (with its user). */
    ObjectNode member(StandInWorld.Member member) {
        ObjectNode json = memberFields(member);
        json.set("user", user(member));
        return json;
    }

    /** A member as an interaction carries it: with the permissions it has in the channel. */
    ObjectNode interactionMember(StandInWorld.Member member) {
        return member(member).put("permissions", Long.toString(StandInWorld.EVERYONE_PERMISSIONS));
    }

    /** Member fields without the user, as MESSAGE_CREATE carries them. */
    ObjectNode memberFields(StandInWorld.Member member) {
        ObjectNode json = Json.object();
        ArrayNode roles = json.putArray("roles");
        member.roleIds().stream().sorted().forEach(roles::add);
        json.putNull("nick");
        json.putNull("avatar");
        json.put("joined_at", Json.timestamp(joinedAt));
        json.putNull("premium_since");
        json.putNull("communication_disabled_until");
        return json.put("deaf", false).put("mute", false).put("flags", 0).put("pending", false);
    }

    /** The bot's member fields without the user, as MESSAGE_CREATE carries them. */
    ObjectNode botMemberFields() {
        ObjectNode json = botMember();
        json.remove("user");
        return json;
    }

    private ObjectNode botMember() {
        ObjectNode json = Json.object();
        json.putArray("roles").add(botRoleId);
        json.putNull("nick");
        json.put("joined_at", Json.timestamp(joinedAt));
        json.set("user", botUser());
        return json.put("deaf", false).put("mute", false).put("flags", 0).put("pending", false);
    }

    private ObjectNode role(String id, String name, int position, long permissions, boolean managed) {
        ObjectNode role = Json.object().put("id", id).put("name", name).put("color", 0).put("hoist", false)
                .put("position", position).put("permissions", Long.toString(permissions)).put("managed", managed)
                .put("mentionable", false).put("flags", 0);
        role.putObject("colors").put("primary_color", 0).putNull("secondary_color");
        ((ObjectNode) role.get("colors")).putNull("tertiary_color");
        role.putNull("icon");
        role.putNull("unicode_emoji");
        if (managed) {
            role.putObject("tags").put("bot_id", world.botUserId());
        }
        return role;
    }

    ObjectNode channel(StandInWorld.Channel channel, int position) {
        ObjectNode json = Json.object().put("id", channel.id()).put("type", channel.type().code())
                .put("guild_id", world.guildId()).put("name", channel.name()).put("position", position)
                .put("nsfw", false).put("rate_limit_per_user", 0).put("flags", 0);
        json.putNull("parent_id");
        json.putNull("topic");
        json.putNull("last_message_id");
        json.putArray("permission_overwrites");
        if (channel.type() == StandInWorld.ChannelType.FORUM) {
            json.putArray("available_tags");
            json.putNull("default_reaction_emoji");
            json.put("default_thread_rate_limit_per_user", 0).put("default_forum_layout", 0);
            json.putNull("default_sort_order");
        }
        return json;
    }

    ObjectNode channel(StandInWorld.Channel channel) {
        return channel(channel, world.channels().indexOf(channel));
    }

    /** GUILD_CREATE's data: the whole guild, every member included (a small guild). */
    ObjectNode guildCreate() {
        ObjectNode guild = Json.object().put("id", world.guildId()).put("name", world.guildName())
                .put("owner_id", world.members().isEmpty() ? world.botUserId() : world.members().getFirst().userId())
                .put("unavailable", false).put("large", false).put("member_count", world.members().size() + 1)
                .put("joined_at", Json.timestamp(joinedAt)).put("preferred_locale", "en-US")
                .put("verification_level", 0).put("default_message_notifications", 1)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0)
                .put("premium_subscription_count", 0).put("premium_progress_bar_enabled", false)
                .put("system_channel_flags", 0).put("afk_timeout", 300).put("max_members", 500000);
        guild.putNull("icon");
        guild.putNull("description");
        guild.putNull("afk_channel_id");
        guild.putNull("system_channel_id");
        guild.putArray("features");
        ArrayNode roles = guild.putArray("roles");
        roles.add(role(world.guildId(), "@everyone", 0, StandInWorld.EVERYONE_PERMISSIONS, false));
        int position = 1;
        for (StandInWorld.Role r : world.roles()) {
            roles.add(role(r.id(), r.name(), position++, 0, false));
        }
        roles.add(role(botRoleId, world.botName(), position, world.permissions(), true));
        ArrayNode channels = guild.putArray("channels");
        for (StandInWorld.Channel c : world.channels()) {
            if (c.type() == StandInWorld.ChannelType.TEXT || c.type() == StandInWorld.ChannelType.FORUM) {
                channels.add(channel(c));
            }
        }
        ArrayNode members = guild.putArray("members");
        members.add(botMember());
        world.members().forEach(m -> members.add(member(m)));
        for (String empty : new String[] {"threads", "voice_states", "presences", "emojis", "stickers",
                "guild_scheduled_events", "stage_instances"}) {
            guild.putArray(empty);
        }
        return guild;
    }

    /** The partial guild an interaction carries. */
    ObjectNode interactionGuild() {
        ObjectNode guild = Json.object().put("id", world.guildId()).put("locale", "en-US");
        guild.putArray("features");
        return guild;
    }
}
