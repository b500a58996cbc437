package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discord's limits on a message, checked as Discord does: content at most 2,000 characters, at most 10 embeds of
 * at most 6,000 characters together (title 256, description 4,096, 25 fields of 256 and 1,024, footer 2,048), at
 * most 5 rows of 5 buttons (label 80, custom id 100), at most 10 files of at most 10 MiB. A message created must
 * have something to show. A breach is refused with 400 and Discord's error codes.
 */
final class MessageLimits {

    static final int CONTENT = 2000;
    static final long FILE_BYTES = 10L * 1024 * 1024;

    private MessageLimits() {
    }

    static Optional<RestApi.Reply> check(JsonNode data, List<RecordedCall.UploadedFile> files, boolean creating) {
        Map<String, String> errors = new LinkedHashMap<>();
        String content = data.path("content").asText("");
        if (content.length() > CONTENT) {
            errors.put("content", "Must be " + CONTENT + " or fewer in length.");
        }
        JsonNode embeds = data.path("embeds");
        if (embeds.size() > 10) {
            errors.put("embeds", "Must be 10 or fewer in length.");
        }
        int total = 0;
        for (int i = 0; i < embeds.size(); i++) {
            JsonNode embed = embeds.get(i);
            total += length(embed, "title", 256, "embeds." + i + ".title", errors);
            total += length(embed, "description", 4096, "embeds." + i + ".description", errors);
            total += length(embed.path("footer"), "text", 2048, "embeds." + i + ".footer.text", errors);
            total += length(embed.path("author"), "name", 256, "embeds." + i + ".author.name", errors);
            JsonNode fields = embed.path("fields");
            if (fields.size() > 25) {
                errors.put("embeds." + i + ".fields", "Must be 25 or fewer in length.");
            }
            for (int f = 0; f < fields.size(); f++) {
                total += length(fields.get(f), "name", 256, "embeds." + i + ".fields." + f + ".name", errors);
                total += length(fields.get(f), "value", 1024, "embeds." + i + ".fields." + f + ".value", errors);
            }
        }
        if (total > 6000) {
            errors.put("embeds", "Embed size exceeds maximum size of 6000");
        }
        JsonNode rows = data.path("components");
        if (rows.size() > 5) {
            errors.put("components", "Must be 5 or fewer in length.");
        }
        for (int i = 0; i < rows.size(); i++) {
            JsonNode items = rows.get(i).path("components");
            if (items.size() > 5) {
                errors.put("components." + i + ".components", "Must be 5 or fewer in length.");
            }
            for (int b = 0; b < items.size(); b++) {
                length(items.get(b), "label", 80, "components." + i + ".components." + b + ".label", errors);
                length(items.get(b), "custom_id", 100, "components." + i + ".components." + b + ".custom_id", errors);
            }
        }
        if (files.size() > 10) {
            errors.put("files", "Must be 10 or fewer in length.");
        }
        if (files.stream().anyMatch(f -> f.size() > FILE_BYTES)) {
            return Optional.of(RestApi.Reply.error(413, 40005, "Request entity too large"));
        }
        if (!errors.isEmpty()) {
            ObjectNode body = Json.object().put("message", "Invalid Form Body").put("code", 50035);
            ObjectNode detail = body.putObject("errors");
            errors.forEach((field, message) -> detail.putObject(field).putArray("_errors").addObject()
                    .put("code", "BASE_TYPE_MAX_LENGTH").put("message", message));
            return Optional.of(RestApi.Reply.json(400, body));
        }
        boolean empty = content.isBlank() && embeds.isEmpty() && rows.isEmpty() && files.isEmpty()
                && !data.has("poll") && data.path("sticker_ids").isEmpty();
        if (creating && empty) {
            return Optional.of(RestApi.Reply.error(400, 50006, "Cannot send an empty message"));
        }
        return Optional.empty();
    }

    private static int length(JsonNode node, String field, int max, String path, Map<String, String> errors) {
        int length = node.path(field).asText("").length();
        if (length > max) {
            errors.put(path, "Must be " + max + " or fewer in length.");
        }
        return length;
    }
}
