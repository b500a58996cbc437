package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stand-in's own rules, without JDA: command text, multipart bodies, Discord's message limits. */
class StandInRulesTest {

    private static CommandRegistry registry() {
        CommandRegistry registry = new CommandRegistry(new Snowflakes(), "1", "2");
        ArrayNode commands = Json.array();
        ObjectNode ticket = commands.addObject().put("name", "ticket").put("description", "Work on a ticket");
        ObjectNode reply = ticket.putArray("options").addObject().put("name", "reply").put("type", 1);
        reply.putArray("options").addObject().put("name", "ticket").put("type", 3).put("required", true);
        ((ArrayNode) reply.get("options")).addObject().put("name", "text").put("type", 3).put("required", true);
        commands.addObject().put("name", "queue").putArray("options").addObject().put("name", "page").put("type", 4);
        registry.overwrite(false, commands);
        return registry;
    }

    @Test
    @DisplayName("a typed command: words to the subcommand, then name:value pairs; a value runs to the next option name")
    void commandText() {
        CommandText text = CommandText.parse("/ticket reply ticket:#1000 text:Restart it: then tell us, text:ok?", registry());

        assertThat(text.path()).isEqualTo("ticket reply");
        assertThat(text.options()).containsExactly(Map.entry("ticket", "#1000"),
                Map.entry("text", "Restart it: then tell us, text:ok?"));
        assertThat(CommandText.parse("/queue", registry()).options()).isEmpty();
        assertThatThrownBy(() -> CommandText.parse("/queue 3", registry())).hasMessageContaining("name:value");
        assertThatThrownBy(() -> CommandText.parse("/nope", registry())).hasMessageContaining("not registered");
    }

    @Test
    @DisplayName("a multipart body: the payload_json part and each file with its name, type and bytes")
    void multipart() {
        String body = "--xyz\r\nContent-Disposition: form-data; name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"content\":\"hi\"}\r\n--xyz\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--xyz--\r\n";

        List<Multipart.Part> parts = Multipart.parse("multipart/form-data; boundary=xyz", body.getBytes(StandardCharsets.UTF_8));

        assertThat(parts).hasSize(2);
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"content\":\"hi\"}");
        assertThat(parts.get(1).fileName()).contains("a.txt");
        assertThat(parts.get(1).contentType()).isEqualTo("text/plain");
        assertThat(new String(parts.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("line1\r\nline2");
    }

    @Test
    @DisplayName("Discord's limits: 2,000 characters of content, 4,096 of description, 6,000 per message's embeds, nothing empty")
    void limits() {
        assertThat(MessageLimits.check(Json.object().put("content", "x".repeat(2000)), List.of(), true)).isEmpty();
        assertThat(MessageLimits.check(Json.object().put("content", "x".repeat(2001)), List.of(), true)).get()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo(400);
                    assertThat(r.body().path("code").asInt()).isEqualTo(50035);
                    assertThat(r.body().path("errors").has("content")).isTrue();
                });
        ObjectNode embeds = Json.object();
        embeds.putArray("embeds").addObject().put("description", "d".repeat(4000));
        ((ArrayNode) embeds.get("embeds")).addObject().put("description", "d".repeat(2001));
        assertThat(MessageLimits.check(embeds, List.of(), true)).get()
                .satisfies(r -> assertThat(r.body().path("errors").has("embeds")).isTrue());
        assertThat(MessageLimits.check(Json.object().put("content", " "), List.of(), true)).get()
                .satisfies(r -> assertThat(r.body().path("code").asInt()).isEqualTo(50006));
        assertThat(MessageLimits.check(Json.object(), List.of(), false)).isEmpty();
    }
}
