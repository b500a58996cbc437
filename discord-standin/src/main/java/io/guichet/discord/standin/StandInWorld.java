package io.guichet.discord.standin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one guild the stand-in serves, and who is in it: the bot (with its token and application), the roles, the
 * channels and the members who can type commands. {@link #example()} is the world of the demo and of most tests.
 *
 * @param permissions what the bot's own (managed) role allows, as Discord's permission bits
 */
public record StandInWorld(String token, String botUserId, String botName, String applicationId, String guildId,
                           String guildName, List<Role> roles, List<Channel> channels, List<Member> members,
                           long permissions) {

    /** View channel, send messages (and in threads), embed links, attach files, read history, add reactions, use commands, create and manage threads. */
    public static final long BOT_PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 38) | (1L << 14) | (1L << 15)
            | (1L << 16) | (1L << 6) | (1L << 31) | (1L << 35) | (1L << 36) | (1L << 34);
    /** What @everyone may do in the example guild: see, write, read history, use commands. */
    public static final long EVERYONE_PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 16) | (1L << 31);

    public StandInWorld {
        roles = List.copyOf(roles);
        channels = List.copyOf(channels);
        members = List.copyOf(members);
        if (channels.stream().noneMatch(c -> c.type() == ChannelType.TEXT)) {
            throw new IllegalArgumentException("the world needs a text channel, where commands are typed");
        }
    }

    /** A role of the guild. */
    public record Role(String id, String name) {
    }

    /** A channel of the guild. */
    public record Channel(String id, String name, ChannelType type) {
    }

    /** Discord's channel types that the stand-in knows. */
    public enum ChannelType {
        TEXT(0), PUBLIC_THREAD(11), PRIVATE_THREAD(12), FORUM(15);

        private final int code;

        ChannelType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A person in the guild, with the ids of their roles. */
    public record Member(String userId, String userName, Set<String> roleIds) {
        public Member {
            roleIds = Set.copyOf(roleIds);
        }
    }

    public static final String EXAMPLE_TOKEN = "standin-bot-token";
    public static final String EXAMPLE_GUILD = "1180000000000000001";
    public static final String EXAMPLE_STAFF_CHANNEL = "1180000000000000010";
    public static final String EXAMPLE_FORUM_CHANNEL = "1180000000000000011";
    public static final String EXAMPLE_LOG_CHANNEL = "1180000000000000012";
    public static final String EXAMPLE_TECHNICIAN_ROLE = "1180000000000000100";
    public static final String EXAMPLE_MANAGER_ROLE = "1180000000000000101";

    /**
     * A support server: a staff text channel and a forum, the technician and manager roles, and three people:
     * {@code tess} (technician), {@code max} (technician and manager) and {@code nina} (no role).
     */
    public static StandInWorld example() {
        return new StandInWorld(EXAMPLE_TOKEN, "1180000000000001000", "Guichet", "1180000000000001000",
                EXAMPLE_GUILD, "Guichet support",
                List.of(new Role(EXAMPLE_TECHNICIAN_ROLE, "technician"), new Role(EXAMPLE_MANAGER_ROLE, "manager")),
                List.of(new Channel(EXAMPLE_STAFF_CHANNEL, "support-staff", ChannelType.TEXT),
                        new Channel(EXAMPLE_FORUM_CHANNEL, "tickets", ChannelType.FORUM),
                        new Channel(EXAMPLE_LOG_CHANNEL, "support-log", ChannelType.TEXT)),
                List.of(new Member("1180000000000002001", "tess", Set.of(EXAMPLE_TECHNICIAN_ROLE)),
                        new Member("1180000000000002002", "max", Set.of(EXAMPLE_TECHNICIAN_ROLE, EXAMPLE_MANAGER_ROLE)),
                        new Member("1180000000000002003", "nina", Set.of())),
                BOT_PERMISSIONS);
    }

    /** The member of that user name; fails on a name the world does not have. */
    public Member member(String userName) {
        return findMember(userName).orElseThrow(() -> new IllegalArgumentException("no member named '" + userName
                + "' in the stand-in's guild; members: " + members.stream().map(Member::userName).toList()));
    }

    public Optional<Member> findMember(String userName) {
        return members.stream().filter(m -> m.userName().equals(userName)).findFirst();
    }

    public Optional<Channel> channel(String id) {
        return channels.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Where commands are typed unless said otherwise: the first text channel. */
    public Channel commandChannel() {
        return channels.stream().filter(c -> c.type() == ChannelType.TEXT).findFirst().orElseThrow();
    }
}
