package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stand-in's own page, for people trying Guichet without a Discord account: what the bot posted (messages
 * with their embeds and buttons, which can be clicked), every call Discord received, and a box to type a slash
 * command as a member. Also as JSON, and as plain POST endpoints for scripts:
 * <ul>
 *   <li>{@code GET /_standin/} the page; {@code GET /_standin/calls.json}, {@code /_standin/messages.json}</li>
 *   <li>{@code POST /_standin/interactions} {@code member=tess&command=/ticket show ticket:1000} (a form, or JSON
 *       {@code {"member":"tess","command":"/queue"}}): a slash command as that member</li>
 *   <li>{@code POST /_standin/clicks} {@code member=tess&custom_id=claim:1000}: a button click</li>
 *   <li>{@code POST /_standin/messages} {@code member=tess&channel=ID&content=...}: a message typed in a channel</li>
 * </ul>
 */
final class StandInPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final Pattern DISCORD_TIME = Pattern.compile("&lt;t:(\\d{1,12})(?::[tTdDfFR])?&gt;");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(ZoneId.systemDefault());
    private final DiscordStandIn standIn;

    StandInPage(DiscordStandIn standIn) {
        this.standIn = standIn;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/") || path.equals("/_standin")) {
            redirect(exchange, "/_standin/");
        } else if (method.equals("GET") && path.equals("/_standin/")) {
            respond(exchange, 200, "text/html; charset=utf-8", page(query(exchange).get("note")));
        } else if (method.equals("GET") && path.equals("/_standin/calls.json")) {
            respond(exchange, 200, "application/json", Json.pretty(calls()));
        } else if (method.equals("GET") && path.equals("/_standin/messages.json")) {
            ObjectNode all = Json.object();
            ArrayNode messages = all.putArray("messages");
            standIn.messages().forEach(messages::add);
            ArrayNode threads = all.putArray("threads");
            standIn.threads().forEach(threads::add);
            respond(exchange, 200, "application/json", Json.pretty(all));
        } else if (method.equals("GET") && path.startsWith("/_standin/attachments/")) {
            attachment(exchange, path.substring("/_standin/attachments/".length()));
        } else if (method.equals("POST") && path.equals("/_standin/interactions")) {
            act(exchange, form -> {
                SentInteraction sent = standIn.slash(form.getOrDefault("member", "tess"), required(form, "command"));
                return sent.what() + " sent as " + form.getOrDefault("member", "tess") + " (interaction " + sent.id() + ")";
            });
        } else if (method.equals("POST") && path.equals("/_standin/clicks")) {
            act(exchange, form -> {
                SentInteraction sent = standIn.click(form.getOrDefault("member", "tess"), required(form, "custom_id"));
                return sent.what() + " clicked by " + form.getOrDefault("member", "tess") + " (interaction " + sent.id() + ")";
            });
        } else if (method.equals("POST") && path.equals("/_standin/messages")) {
            act(exchange, form -> {
                String id = standIn.say(form.getOrDefault("member", "tess"),
                        form.getOrDefault("channel", standIn.world().commandChannel().id()), required(form, "content"));
                return "message " + id + " written";
            });
        } else {
            respond(exchange, 404, "text/plain; charset=utf-8", "Not found. The stand-in's page is /_standin/ and "
                    + "Discord's API is under /api/v10/.\n");
        }
    }

    private interface Action {
        String run(Map<String, String> form);
    }

    /** Runs a member's action; a browser form is sent back to the page, a script gets JSON or the reason it failed. */
    private void act(HttpExchange exchange, Action action) throws IOException {
        String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean browser = contentType.startsWith("application/x-www-form-urlencoded")
                && Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("").contains("text/html");
        Map<String, String> form;
        if (contentType.startsWith("application/json")) {
            form = new LinkedHashMap<>();
            JsonNode json = Json.parse(body);
            json.properties().forEach(e -> form.put(e.getKey(), e.getValue().asText()));
        } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
            form = decode(new String(body, StandardCharsets.UTF_8));
        } else {
            form = new LinkedHashMap<>(query(exchange));
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (!text.isEmpty()) {
                form.putIfAbsent(exchange.getRequestURI().getPath().endsWith("clicks") ? "custom_id"
                        : exchange.getRequestURI().getPath().endsWith("messages") ? "content" : "command", text);
            }
        }
        String note;
        int status;
        try {
            note = action.run(form);
            status = 202;
        } catch (IllegalArgumentException | IllegalStateException e) {
            note = "Refused: " + e.getMessage();
            status = 400;
        }
        if (browser) {
            redirect(exchange, "/_standin/?note=" + URLEncoder.encode(note, StandardCharsets.UTF_8));
        } else {
            respond(exchange, status, "application/json", Json.write(Json.object().put(status == 202 ? "sent" : "error", note)) + "\n");
        }
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' is missing");
        }
        return value;
    }

    private JsonNode calls() {
        ArrayNode calls = Json.array();
        for (RecordedCall call : standIn.calls()) {
            ObjectNode c = calls.addObject().put("sequence", call.sequence()).put("at", call.receivedAt().toString())
                    .put("method", call.method()).put("route", call.route()).put("query", call.query())
                    .put("status", call.status());
            c.set("body", call.body().isMissingNode() ? null : call.body());
            ArrayNode files = c.putArray("files");
            call.files().forEach(f -> files.addObject().put("field", f.field()).put("filename", f.fileName())
                    .put("content_type", f.contentType()).put("size", f.size()));
            c.set("response", call.response().isMissingNode() ? null : call.response());
        }
        return calls;
    }

    private void attachment(HttpExchange exchange, String rest) throws IOException {
        String id = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        Optional<RecordedCall.UploadedFile> file = standIn.attachment(id);
        if (file.isEmpty()) {
            respond(exchange, 404, "text/plain; charset=utf-8", "No attachment " + id + ".\n");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", file.get().contentType());
        exchange.sendResponseHeaders(200, file.get().size());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.get().content());
        }
    }

    private String page(String note) {
        StandInWorld world = standIn.world();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Discord stand-in</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1100px;color:#222}")
                .append(".msg{border-left:4px solid #5865f2;background:#f6f6f8;margin:.6em 0;padding:.4em .8em}")
                .append(".eph{border-color:#999}.embed{border-left:3px solid #aaa;background:#fff;margin:.3em 0;padding:.3em .6em}")
                .append(".meta{color:#666;font-size:12px}pre{white-space:pre-wrap;font-size:12px;margin:0}")
                .append("table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:3px 6px;vertical-align:top;text-align:left}")
                .append("form.inline{display:inline}.note{background:#fff3cd;padding:.5em}</style></head><body>");
        html.append("<h1>Discord stand-in: ").append(esc(world.guildName())).append("</h1>");
        html.append("<p>Bot <b>").append(esc(world.botName())).append("</b>: ")
                .append(standIn.botConnected() ? "connected to the gateway" : "<b>not connected</b>")
                .append(". This is not Discord: a local server that answers the bot as Discord would and records every call."
                        + " <a href=\"/_standin/\">Refresh</a> to see new answers.</p>");
        if (note != null && !note.isBlank()) {
            html.append("<p class=\"note\">").append(esc(note)).append("</p>");
        }
        html.append("<h2>Type a slash command</h2><form method=\"post\" action=\"/_standin/interactions\">as ")
                .append(memberSelect("member")).append(" <input name=\"command\" size=\"70\" ")
                .append("placeholder=\"/ticket show ticket:1000\"> <button>Send</button></form>");
        html.append("<p class=\"meta\">Members: ");
        for (StandInWorld.Member m : world.members()) {
            html.append(esc(m.userName())).append(" (").append(esc(roleNames(m))).append(") ");
        }
        html.append("<br>Registered commands: ");
        for (JsonNode command : standIn.registeredCommands()) {
            html.append("/").append(esc(command.path("name").asText()));
            List<String> subs = command.path("options").findValues("type").isEmpty() ? List.of()
                    : subcommands(command);
            if (!subs.isEmpty()) {
                html.append(" {").append(esc(String.join(", ", subs))).append("}");
            }
            html.append("; ");
        }
        html.append("</p>");
        html.append("<h2>What the bot posted (newest first)</h2>");
        List<JsonNode> messages = standIn.messages();
        if (messages.isEmpty()) {
            html.append("<p>Nothing yet.</p>");
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            message(html, messages.get(i));
        }
        if (!standIn.threads().isEmpty()) {
            html.append("<h2>Threads</h2><ul>");
            for (JsonNode thread : standIn.threads()) {
                html.append("<li>").append(esc(thread.path("name").asText())).append(" <span class=\"meta\">id ")
                        .append(esc(thread.path("id").asText())).append(thread.path("thread_metadata").path("archived")
                                .asBoolean() ? ", archived" : "").append("</span></li>");
            }
            html.append("</ul>");
        }
        html.append("<h2>Every call Discord received (newest first)</h2><p class=\"meta\">Also as JSON: ")
                .append("<a href=\"/_standin/calls.json\">calls.json</a>, <a href=\"/_standin/messages.json\">messages.json</a></p>")
                .append("<table><tr><th>#</th><th>time</th><th>call</th><th>status</th><th>body</th></tr>");
        List<RecordedCall> calls = standIn.calls();
        for (int i = calls.size() - 1; i >= Math.max(0, calls.size() - 200); i--) {
            RecordedCall c = calls.get(i);
            String body = c.body().isMissingNode() ? "" : Json.pretty(c.body());
            if (body.length() > 3000) {
                body = body.substring(0, 3000) + "\n...";
            }
            html.append("<tr><td>").append(c.sequence()).append("</td><td>").append(TIME.format(c.receivedAt()))
                    .append("</td><td>").append(esc(c.method())).append(' ').append(esc(shortTokens(c.route())))
                    .append(c.query().isEmpty() ? "" : "?" + esc(c.query())).append("</td><td>").append(c.status())
                    .append("</td><td><pre>").append(esc(body))
                    .append(c.files().isEmpty() ? "" : esc("\nfiles: " + c.files().stream()
                            .map(f -> f.fileName() + " (" + f.size() + " bytes)").toList()))
                    .append("</pre></td></tr>");
        }
        html.append("</table></body></html>");
        return html.toString();
    }

    private void message(StringBuilder html, JsonNode m) {
        boolean ephemeral = (m.path("flags").asInt() & MessageStore.EPHEMERAL) != 0;
        String channel = standIn.world().channel(m.path("channel_id").asText()).map(c -> "#" + c.name())
                .orElse("thread " + m.path("channel_id").asText());
        html.append("<div class=\"msg").append(ephemeral ? " eph" : "").append("\"><div class=\"meta\">")
                .append(esc(m.path("author").path("username").asText())).append(" in ").append(esc(channel))
                .append(standIn.answering(m.path("id").asText()).map(a -> " - answer to " + esc(a)).orElse(""))
                .append(ephemeral ? " - only the member who asked sees it" : "")
                .append((m.path("flags").asInt() & MessageStore.LOADING) != 0 ? " - thinking..." : "")
                .append(" - message ").append(esc(m.path("id").asText())).append("</div>");
        if (!m.path("content").asText().isEmpty()) {
            html.append("<pre>").append(esc(m.path("content").asText())).append("</pre>");
        }
        for (JsonNode e : m.path("embeds")) {
            html.append("<div class=\"embed\">");
            if (e.has("title")) {
                html.append("<b>").append(esc(e.path("title").asText())).append("</b><br>");
            }
            if (e.has("description")) {
                html.append("<pre>").append(esc(e.path("description").asText())).append("</pre>");
            }
            for (JsonNode f : e.path("fields")) {
                html.append("<div><b>").append(esc(f.path("name").asText())).append("</b><pre>")
                        .append(esc(f.path("value").asText())).append("</pre></div>");
            }
            if (e.path("footer").has("text")) {
                html.append("<div class=\"meta\">").append(esc(e.path("footer").path("text").asText())).append("</div>");
            }
            html.append("</div>");
        }
        for (JsonNode a : m.path("attachments")) {
            html.append("<div>file: <a href=\"").append(esc(a.path("url").asText())).append("\">")
                    .append(esc(a.path("filename").asText())).append("</a> (").append(a.path("size").asLong())
                    .append(" bytes)</div>");
        }
        List<JsonNode> buttons = m.path("components").findParents("custom_id");
        if (!buttons.isEmpty()) {
            html.append("<div>");
            for (JsonNode b : buttons) {
                html.append("<form class=\"inline\" method=\"post\" action=\"/_standin/clicks\">")
                        .append("<input type=\"hidden\" name=\"custom_id\" value=\"").append(esc(b.path("custom_id").asText()))
                        .append("\">").append(memberSelect("member")).append("<button")
                        .append(b.path("disabled").asBoolean() ? " disabled" : "").append(">")
                        .append(esc(b.path("label").asText())).append("</button></form> ");
            }
            html.append("</div>");
        }
        html.append("</div>");
    }

    /** Interaction tokens are long: the page shows their start. */
    private static String shortTokens(String route) {
        return route.replaceAll("([A-Za-z0-9_-]{16})[A-Za-z0-9_-]{40,}", "$1...");
    }

    private static List<String> subcommands(JsonNode command) {
        List<String> names = new ArrayList<>();
        for (JsonNode option : command.path("options")) {
            if (option.path("type").asInt() <= 2) {
                names.add(option.path("name").asText());
            }
        }
        return names;
    }

    private String memberSelect(String name) {
        StringBuilder select = new StringBuilder("<select name=\"" + name + "\">");
        for (StandInWorld.Member m : standIn.world().members()) {
            select.append("<option>").append(esc(m.userName())).append("</option>");
        }
        return select.append("</select>").toString();
    }

    private String roleNames(StandInWorld.Member member) {
        List<String> names = standIn.world().roles().stream().filter(r -> member.roleIds().contains(r.id()))
                .map(StandInWorld.Role::name).toList();
        return names.isEmpty() ? "no role" : String.join(", ", names);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : decode(raw);
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key.toLowerCase(Locale.ROOT), value);
        }
        return values;
    }

    /** Escaped for HTML; Discord's timestamps ({@code <t:1700000000:R>}) shown as a date and time, as Discord would. */
    private static String esc(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return DISCORD_TIME.matcher(escaped).replaceAll(m -> DATE_TIME.format(Instant.ofEpochSecond(Long.parseLong(m.group(1)))));
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
