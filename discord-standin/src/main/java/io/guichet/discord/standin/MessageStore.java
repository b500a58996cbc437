package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages and threads the stand-in holds, as Discord would show them: created by the bot (channel posts,
 * interaction answers, follow-ups, thread starters) or by members. Attachment bytes are kept to be served back.
 */
final class MessageStore {

    static final int EPHEMERAL = 64;
    static final int LOADING = 128;

    private final Snowflakes ids;
    private final Payloads payloads;
    private final String attachmentBase;
    private final Map<String, ObjectNode> messages = new LinkedHashMap<>();
    private final Map<String, ObjectNode> threads = new LinkedHashMap<>();
    private final Map<String, RecordedCall.UploadedFile> attachments = new LinkedHashMap<>();

    MessageStore(Snowflakes ids, Payloads payloads, String attachmentBase) {
        this.ids = ids;
        this.payloads = payloads;
        this.attachmentBase = attachmentBase;
    }

    /** A text channel or forum of the world, or a thread created since: where messages may go. */
    synchronized Optional<ObjectNode> channel(String id) {
        if (threads.containsKey(id)) {
            return Optional.of(threads.get(id).deepCopy());
        }
        return payloads.world().channel(id).map(payloads::channel);
    }

    synchronized boolean isForum(String channelId) {
        return payloads.world().channel(channelId).map(c -> c.type() == StandInWorld.ChannelType.FORUM).orElse(false);
    }

    /**
     * A new message by the bot from the data Discord received (content, embeds, components, flags, attachments).
     *
     * @param type         Discord's message type: 0 default, 20 a slash command's answer
     * @param interaction  when it answers an interaction: its application id is set as the webhook
     */
    synchronized ObjectNode createByBot(String channelId, JsonNode data, List<RecordedCall.UploadedFile> files, int type,
                                        int extraFlags, boolean interaction) {
        return createByBot(ids.next(), channelId, data, files, type, extraFlags, interaction);
    }

    /** As above, with the id given: a forum post's first message has its thread's id. */
    synchronized ObjectNode createByBot(String id, String channelId, JsonNode data, List<RecordedCall.UploadedFile> files,
                                        int type, int extraFlags, boolean interaction) {
        ObjectNode message = Json.object().put("id", id).put("type", type).put("channel_id", channelId);
        if (payloads.world().channel(channelId).isPresent() || threads.containsKey(channelId)) {
            message.put("guild_id", payloads.world().guildId());
        }
        message.set("author", payloads.botUser());
        message.put("content", data.path("content").asText(""));
        message.set("embeds", embeds(data.path("embeds")));
        message.set("components", data.path("components").isArray() ? data.path("components").deepCopy() : Json.array());
        message.set("attachments", attachments(Json.array(), data.path("attachments"), files));
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.put("mention_everyone", false).put("pinned", false).put("tts", data.path("tts").asBoolean(false));
        message.put("timestamp", Json.timestamp(Instant.now()));
        message.putNull("edited_timestamp");
        message.put("flags", data.path("flags").asInt(0) | extraFlags);
        if (data.hasNonNull("nonce")) {
            message.put("nonce", data.path("nonce").asText());
        }
        if (interaction) {
            message.put("webhook_id", payloads.world().applicationId())
                    .put("application_id", payloads.world().applicationId());
        }
        messages.put(message.path("id").asText(), message);
        return message.deepCopy();
    }

    /** A message typed by a member (what MESSAGE_CREATE carries). */
    synchronized ObjectNode createByMember(String channelId, StandInWorld.Member member, String content,
                                           List<RecordedCall.UploadedFile> files) {
        ObjectNode message = Json.object().put("id", ids.next()).put("type", 0).put("channel_id", channelId)
                .put("guild_id", payloads.world().guildId());
        message.set("author", payloads.user(member));
        message.set("member", payloads.memberFields(member));
        message.put("content", content);
        message.putArray("embeds");
        message.putArray("components");
        message.set("attachments", attachments(Json.array(), Json.array(), files));
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.put("mention_everyone", false).put("pinned", false).put("tts", false);
        message.put("timestamp", Json.timestamp(Instant.now()));
        message.putNull("edited_timestamp");
        message.put("flags", 0);
        messages.put(message.path("id").asText(), message);
        return message.deepCopy();
    }

    /** Applies an edit: each field present replaces the message's; the loading flag is cleared. */
    synchronized Optional<ObjectNode> edit(String messageId, JsonNode data, List<RecordedCall.UploadedFile> files) {
        ObjectNode message = messages.get(messageId);
        if (message == null) {
            return Optional.empty();
        }
        if (data.has("content")) {
            message.put("content", data.path("content").asText(""));
        }
        if (data.has("embeds")) {
            message.set("embeds", embeds(data.path("embeds")));
        }
        if (data.has("components")) {
            message.set("components", data.path("components").isArray() ? data.path("components").deepCopy() : Json.array());
        }
        if (data.has("attachments") || !files.isEmpty()) {
            message.set("attachments", attachments((ArrayNode) message.path("attachments"), data.path("attachments"), files));
        }
        int flags = message.path("flags").asInt(0) & ~LOADING;
        if (data.has("flags")) {
            flags = (flags & EPHEMERAL) | data.path("flags").asInt(0);
        }
        message.put("flags", flags);
        message.put("edited_timestamp", Json.timestamp(Instant.now()));
        return Optional.of(message.deepCopy());
    }

    synchronized boolean delete(String messageId) {
        return messages.remove(messageId) != null;
    }

    synchronized Optional<ObjectNode> message(String messageId) {
        return Optional.ofNullable(messages.get(messageId)).map(ObjectNode::deepCopy);
    }

    /** The newest message with a button of that custom id, and whether it is ephemeral. */
    synchronized Optional<ObjectNode> withButton(String customId) {
        List<ObjectNode> all = new ArrayList<>(messages.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            ObjectNode message = all.get(i);
            if (message.path("components").findValues("custom_id").stream().anyMatch(v -> v.asText().equals(customId))) {
                return Optional.of(message.deepCopy());
            }
        }
        return Optional.empty();
    }

    synchronized List<ObjectNode> messages() {
        return messages.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** A thread in a channel (optionally from a message: the thread then has the message's id). */
    synchronized ObjectNode createThread(String parentId, Optional<String> fromMessage, JsonNode body) {
        boolean forum = isForum(parentId);
        String id = fromMessage.orElseGet(ids::next);
        int type = body.path("type").asInt(forum || fromMessage.isPresent() ? 11 : 12);
        Instant now = Instant.now();
        ObjectNode thread = Json.object().put("id", id).put("type", type).put("guild_id", payloads.world().guildId())
                .put("parent_id", parentId).put("owner_id", payloads.world().botUserId())
                .put("name", body.path("name").asText("thread")).put("message_count", 0).put("member_count", 1)
                .put("total_message_count", 0).put("rate_limit_per_user", body.path("rate_limit_per_user").asInt(0))
                .put("flags", 0);
        thread.putNull("last_message_id");
        thread.putObject("thread_metadata").put("archived", false)
                .put("auto_archive_duration", body.path("auto_archive_duration").asInt(1440))
                .put("archive_timestamp", Json.timestamp(now)).put("locked", false)
                .put("invitable", body.path("invitable").asBoolean(true)).put("create_timestamp", Json.timestamp(now));
        thread.putObject("member").put("id", id).put("user_id", payloads.world().botUserId())
                .put("join_timestamp", Json.timestamp(now)).put("flags", 0);
        thread.set("applied_tags", body.path("applied_tags").isArray() ? body.path("applied_tags").deepCopy() : Json.array());
        threads.put(id, thread);
        return thread.deepCopy();
    }

    /** Modifies a thread: name, archived, locked, auto-archive duration. */
    synchronized Optional<ObjectNode> modifyThread(String id, JsonNode body) {
        ObjectNode thread = threads.get(id);
        if (thread == null) {
            return Optional.empty();
        }
        if (body.has("name")) {
            thread.put("name", body.path("name").asText());
        }
        ObjectNode metadata = (ObjectNode) thread.path("thread_metadata");
        for (String flag : new String[] {"archived", "locked", "invitable"}) {
            if (body.has(flag)) {
                metadata.put(flag, body.path(flag).asBoolean());
                if (flag.equals("archived")) {
                    metadata.put("archive_timestamp", Json.timestamp(Instant.now()));
                }
            }
        }
        if (body.has("auto_archive_duration")) {
            metadata.put("auto_archive_duration", body.path("auto_archive_duration").asInt());
        }
        return Optional.of(thread.deepCopy());
    }

    /** The bot's message in that channel sent with that nonce. */
    synchronized Optional<ObjectNode> byNonce(String channelId, String nonce) {
        return messages.values().stream().filter(m -> m.path("channel_id").asText().equals(channelId))
                .filter(m -> m.path("nonce").asText("").equals(nonce))
                .filter(m -> m.path("author").path("id").asText().equals(payloads.world().botUserId()))
                .findFirst().map(ObjectNode::deepCopy);
    }

    /** Deletes a thread (and so its messages, as far as anyone can see). */
    synchronized Optional<ObjectNode> deleteThread(String id) {
        ObjectNode thread = threads.remove(id);
        if (thread == null) {
            return Optional.empty();
        }
        messages.values().removeIf(m -> m.path("channel_id").asText().equals(id));
        return Optional.of(thread);
    }

    synchronized List<ObjectNode> threads() {
        return threads.values().stream().map(ObjectNode::deepCopy).toList();
    }

    synchronized Optional<RecordedCall.UploadedFile> attachment(String id) {
        return Optional.ofNullable(attachments.get(id));
    }

    private ArrayNode embeds(JsonNode given) {
        ArrayNode embeds = Json.array();
        for (JsonNode embed : given) {
            ObjectNode copy = embed.deepCopy();
            if (!copy.has("type")) {
                copy.put("type", "rich");
            }
            embeds.add(copy);
        }
        return embeds;
    }

    /**
     * The attachments after a create or an edit: those already there that the data keeps (by id), then the uploaded
     * files, described by the data's attachments (by index) when it has them.
     */
    private ArrayNode attachments(ArrayNode existing, JsonNode described, List<RecordedCall.UploadedFile> files) {
        ArrayNode result = Json.array();
        for (JsonNode kept : existing) {
            for (JsonNode d : described) {
                if (d.path("id").asText().equals(kept.path("id").asText())) {
                    result.add(kept.deepCopy());
                }
            }
        }
        for (int i = 0; i < files.size(); i++) {
            RecordedCall.UploadedFile file = files.get(i);
            String id = ids.next();
            attachments.put(id, file);
            String name = file.fileName().isEmpty() ? "file" + i : file.fileName();
            ObjectNode attachment = Json.object().put("id", id).put("filename", name).put("size", file.size())
                    .put("url", attachmentBase + id + "/" + name).put("proxy_url", attachmentBase + id + "/" + name)
                    .put("content_type", file.contentType());
            for (JsonNode d : described) {
                if (d.path("id").asText().equals(Integer.toString(i)) && d.has("description")) {
                    attachment.put("description", d.path("description").asText());
                }
            }
            result.add(attachment);
        }
        return result;
    }
}
