package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One call Discord's HTTP API would have received, as it arrived: tests assert on these.
 *
 * @param sequence      order of arrival, from 1
 * @param receivedAt    wall-clock time of arrival
 * @param receivedNanos {@link System#nanoTime()} at arrival, to time against a dispatch
 * @param route         the path without the {@code /api/v10} prefix, e.g. {@code /channels/1/messages}
 * @param query         the raw query string, empty when none
 * @param authorized    whether it carried the bot's token
 * @param body          the JSON body (for multipart: the {@code payload_json} part); missing when none
 * @param files         the files of a multipart body
 * @param status        the status the stand-in answered
 * @param response      the JSON the stand-in answered; missing when none
 */
public record RecordedCall(long sequence, Instant receivedAt, long receivedNanos, String method, String route,
                           String query, boolean authorized, JsonNode body, List<UploadedFile> files, int status,
                           JsonNode response) {

    public RecordedCall {
        files = List.copyOf(files);
    }

    /** A file of a multipart request. */
    public record UploadedFile(String field, String fileName, String contentType, byte[] content) {
        public int size() {
            return content.length;
        }
    }

    /** {@code POST /interactions/{id}/{token}/callback}: the callback's type (5 is a deferred reply). */
    public boolean isInteractionCallback() {
        return method.equals("POST") && route.matches("/interactions/\\d+/[^/]+/callback");
    }

    public int callbackType() {
        return body.path("type").asInt(-1);
    }

    /** The message data of the call: {@code data} of a callback, the body itself otherwise. */
    public JsonNode message() {
        return isInteractionCallback() ? body.path("data") : body;
    }

    public int flags() {
        return message().path("flags").asInt(0);
    }

    /** Whether the message is ephemeral (flag 64): only the person who asked sees it. */
    public boolean ephemeral() {
        return (flags() & 64) != 0;
    }

    /** {@code allowed_mentions} of the message, when it has one. */
    public Optional<JsonNode> allowedMentions() {
        JsonNode mentions = message().path("allowed_mentions");
        return mentions.isMissingNode() || mentions.isNull() ? Optional.empty() : Optional.of(mentions);
    }

    /** True when the message may ping nobody: {@code allowed_mentions} with an empty {@code parse} and no ids. */
    public boolean mentionsNobody() {
        return allowedMentions().map(m -> m.path("parse").isArray() && m.path("parse").isEmpty()
                && m.path("users").isEmpty() && m.path("roles").isEmpty()
                && !m.path("replied_user").asBoolean(false)).orElse(false);
    }

    public String content() {
        return message().path("content").asText("");
    }

    /** Everything a reader would see: the content, then each embed's title, description and fields. */
    public String visibleText() {
        StringBuilder text = new StringBuilder(content());
        for (JsonNode embed : message().path("embeds")) {
            text.append('\n').append(embed.path("title").asText("")).append('\n')
                    .append(embed.path("description").asText(""));
            for (JsonNode field : embed.path("fields")) {
                text.append('\n').append(field.path("name").asText("")).append(": ").append(field.path("value").asText(""));
            }
            text.append('\n').append(embed.path("footer").path("text").asText(""));
        }
        return text.toString();
    }

    /** The custom ids of the message's buttons, in order. */
    public List<String> buttonIds() {
        return message().path("components").findValues("custom_id").stream().map(JsonNode::asText).toList();
    }

    /** The millisecond since the given {@link System#nanoTime()} this call arrived. */
    public double millisAfter(long nanos) {
        return (receivedNanos - nanos) / 1_000_000.0;
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + route + (query.isEmpty() ? "" : "?" + query) + " -> " + status
                + (body.isMissingNode() ? "" : " " + Json.write(body))
                + (files.isEmpty() ? "" : " files=" + files.stream().map(UploadedFile::fileName).toList());
    }
}
