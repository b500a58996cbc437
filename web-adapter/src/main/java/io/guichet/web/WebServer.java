package io.guichet.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.guichet.core.account.Language;
import io.guichet.core.desk.ConcurrentChange;
import io.guichet.core.desk.CustomerOutcome;
import io.guichet.core.desk.CustomerPages;
import io.guichet.core.desk.Desks;
import io.guichet.core.desk.KnowledgeDesk;
import io.guichet.core.kb.Article;
import io.guichet.core.link.TicketLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The customers' web pages (issue 13), on the JDK's HTTP server: {@code /t/TOKEN}, a ticket's page behind a signed
 * link, and {@code /t/TOKEN/reply}, its reply form. Every link refused (malformed, altered, expired, another
 * account's, a contact no longer active) gets the same neutral answer, and is logged with why. Every response carries
 * the security headers: a Content-Security-Policy allowing no script and no framing, {@code nosniff},
 * {@code no-referrer}, {@code no-store}. Links inside the pages are relative, so the pages work under any path
 * prefix of a reverse proxy.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final int MAX_FORM_BYTES = 128 * 1024;
    private static final int MAX_REPLY_CHARS = 20_000;
    private static final Set<String> NOTICES = Set.of("reply.sent", "reply.empty", "reply.refused", "reply.busy",
            "reply.already");
    /** A token in a logged path: the link is the customer's key to the ticket, never written to a log. */
    private static final java.util.regex.Pattern TOKEN_IN_PATH = java.util.regex.Pattern.compile("(/t/)[^/?#]+");
    /** The reply form's one-time value: 16 random bytes, base64url. */
    private static final java.util.regex.Pattern ONCE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CustomerPages pages;
    private final KnowledgeDesk knowledge;
    private final TicketLinks links;
    private final Optional<String> origin;
    private final URI base;

    private WebServer(HttpServer server, ExecutorService executor, CustomerPages pages, KnowledgeDesk knowledge,
                      TicketLinks links, Optional<String> origin, URI base) {
        this.server = server;
        this.executor = executor;
        this.pages = pages;
        this.knowledge = knowledge;
        this.links = links;
        this.origin = origin;
        this.base = base;
    }

    /**
     * Listens on {@code port} (0: a free port) of {@code address}. {@code base}: the address customers reach the
     * pages at (a reply form posted from another origin is refused).
     */
    public static WebServer start(InetAddress address, int port, Desks desks, TicketLinks links, URI base)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "guichet-web");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        Optional<String> origin = Optional.ofNullable(base.getHost())
                .map(h -> base.getScheme() + "://" + h + (base.getPort() < 0 ? "" : ":" + base.getPort()));
        WebServer web = new WebServer(server, executor, desks.pages(), desks.knowledge(), links, origin,
                URI.create(base.toString().replaceAll("/+$", "")));
        server.createContext("/", exchange -> {
            try (exchange) {
                web.route(exchange);
            } catch (RuntimeException e) {
                LOG.error("web: {} {} failed", exchange.getRequestMethod(), loggable(exchange.getRequestURI().getRawPath()), e);
            }
        });
        server.start();
        LOG.info("Customer pages answer on http://{}:{}/ (public address {})", address.getHostAddress(),
                server.getAddress().getPort(), base);
        return web;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/" + StyleSheet.NAME) || path.equals("/style.css")) {
            if (!readMethod(exchange)) {
                return;
            }
            // its name changes with its content: kept a year; the plain name (older pages) a day
            respond(exchange, 200, "text/css; charset=utf-8", StyleSheet.CONTENT,
                    path.equals("/style.css") ? "public, max-age=86400" : StyleSheet.CACHE);
            return;
        }
        String[] parts = path.split("/", -1);
        if (path.equals("/kb") || (parts.length == 3 && parts[1].equals("kb"))) {
            if (!readMethod(exchange)) {
                return;
            }
            knowledgeBase(exchange, parts);
            return;
        }
        if (parts.length == 3 && parts[1].equals("t")) {
            if (!readMethod(exchange)) {
                return;
            }
            showTicket(exchange, parts[2]);
            return;
        }
        if (parts.length == 4 && parts[1].equals("t") && parts[3].equals("reply")) {
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                respond(exchange, 405, "text/plain; charset=utf-8", "use POST\n");
                return;
            }
            reply(exchange, parts[2]);
            return;
        }
        LOG.info("web: {} {} not found", method, loggable(path));
        // at any depth under any prefix of the proxy: the sheet from the public address customers reach
        respond(exchange, 404, "text/html; charset=utf-8", TicketPageHtml.layout(Language.EN,
                "Not found / Page introuvable", base + "/" + StyleSheet.NAME,
                "<main><h1>Not found / Page introuvable</h1></main>"));
    }

    /**
     * R19: the knowledge base on the web: {@code /kb?q=...&lang=fr} searches (every word, else any word above the
     * suggestions' threshold), {@code /kb/SLUG} shows an article. Public pages: no link needed.
     */
    private void knowledgeBase(HttpExchange exchange, String[] parts) throws IOException {
        Map<String, String> query = form(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        Language lang = language(query).orElse(Language.EN);
        if (parts.length == 3) {
            String slug = URLDecoder.decode(parts[2], StandardCharsets.UTF_8);
            Optional<Article> article = knowledge.article(slug);
            if (article.isEmpty()) {
                respond(exchange, 404, "text/html; charset=utf-8", KnowledgePageHtml.notFound(lang));
                return;
            }
            respond(exchange, 200, "text/html; charset=utf-8", KnowledgePageHtml.article(article.get(), lang));
            return;
        }
        String q = query.getOrDefault("q", "").strip();
        if (q.length() > 500) {
            q = q.substring(0, 500);
        }
        List<Article> found = List.of();
        if (!q.isEmpty()) {
            found = knowledge.search(q, lang, 10);
            if (found.isEmpty()) {
                found = knowledge.suggestions(q, lang);
            }
        }
        respond(exchange, 200, "text/html; charset=utf-8", KnowledgePageHtml.search(q, lang, found));
    }

    private boolean readMethod(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "use GET\n");
        return false;
    }

    private void showTicket(HttpExchange exchange, String token) throws IOException {
        Map<String, String> query = form(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        Optional<Granted> granted = grant(exchange, token);
        if (granted.isEmpty()) {
            refuse(exchange, "../" + StyleSheet.NAME);
            return;
        }
        CustomerPages.TicketPage page = granted.get().page();
        Language lang = language(query).orElse(page.reader().language());
        Optional<String> notice = Optional.ofNullable(query.get("notice")).filter(NOTICES::contains);
        respond(exchange, 200, "text/html; charset=utf-8",
                TicketPageHtml.ticket(page, lang, token, links.formToken(token), once(), notice));
    }

    private void reply(HttpExchange exchange, String token) throws IOException {
        Map<String, String> query = form(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        Optional<Granted> granted = grant(exchange, token);
        if (granted.isEmpty()) {
            refuse(exchange, "../../" + StyleSheet.NAME);
            return;
        }
        Language lang = language(query).orElse(granted.get().page().reader().language());
        String sentFrom = exchange.getRequestHeaders().getFirst("Origin");
        Optional<Map<String, String>> fields = readForm(exchange);
        // with no-referrer, browsers send "Origin: null" for the page's own form: the anti-forgery value decides then
        boolean foreign = sentFrom != null && !sentFrom.equals("null") && origin.isPresent()
                && !origin.get().equals(sentFrom);
        if (fields.isEmpty() || foreign
                || !links.formTokenMatches(token, Optional.ofNullable(fields.get().get("form")))
                || !ONCE.matcher(fields.get().getOrDefault("once", "")).matches()) {
            LOG.warn("web: reply form on ticket {} refused (origin {}, anti-forgery or one-time value missing or wrong) from {}",
                    granted.get().grant().ticket(), sentFrom, remote(exchange));
            respond(exchange, 403, "text/html; charset=utf-8",
                    TicketPageHtml.message(lang, "../../" + StyleSheet.NAME, "form.expired"));
            return;
        }
        String text = fields.get().getOrDefault("text", "").strip();
        String notice;
        if (text.isEmpty()) {
            notice = "reply.empty";
        } else {
            boolean escalate = "yes".equals(fields.get().get("escalate"));
            String kept = text.length() > MAX_REPLY_CHARS ? text.substring(0, MAX_REPLY_CHARS) : text;
            notice = switch (pages.reply(granted.get().grant(), fields.get().get("once"), kept, escalate)) {
                case CustomerPages.Reply.NoAccess n -> "reply.refused";
                case CustomerPages.Reply.AlreadyReceived a -> "reply.already";
                case CustomerPages.Reply.Handled(CustomerOutcome.Rejected r) -> "reply.refused";
                case CustomerPages.Reply.Handled(ConcurrentChange c) -> "reply.busy";
                case CustomerPages.Reply.Handled(CustomerOutcome.Opened o) -> "reply.sent";
                case CustomerPages.Reply.Handled(CustomerOutcome.Updated u) -> "reply.sent";
            };
        }
        exchange.getResponseHeaders().set("Location", "../" + token + "?lang=" + PageTexts.of(lang).get("lang")
                + "&notice=" + notice);
        respond(exchange, 303, "text/plain; charset=utf-8", "");
    }

    private record Granted(TicketLinks.Grant grant, CustomerPages.TicketPage page) {
    }

    /** The page the token opens, or empty (logged with the reason, which the visitor never sees). */
    private Optional<Granted> grant(HttpExchange exchange, String token) {
        return switch (links.check(token)) {
            case TicketLinks.Checked.Refused refused -> {
                LOG.warn("web: ticket link refused ({}) from {}", refused.why(), remote(exchange));
                yield Optional.empty();
            }
            case TicketLinks.Checked.Valid valid -> {
                Optional<CustomerPages.TicketPage> page = pages.page(valid.grant());
                if (page.isEmpty()) {
                    LOG.warn("web: ticket link for ticket {} refused (no longer the account's ticket or contact) from {}",
                            valid.grant().ticket(), remote(exchange));
                }
                yield page.map(p -> new Granted(valid.grant(), p));
            }
        };
    }

    private void refuse(HttpExchange exchange, String stylePath) throws IOException {
        respond(exchange, 404, "text/html; charset=utf-8", TicketPageHtml.refused(stylePath));
    }

    /** A fresh one-time value for a reply form: a second submission of the same form is recognised by it. */
    private static String once() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code path} as logged: the token of a ticket link masked, at most 120 characters. */
    static String loggable(String path) {
        String masked = TOKEN_IN_PATH.matcher(path).replaceAll("$1***");
        return masked.length() > 120 ? masked.substring(0, 120) + "..." : masked;
    }

    private static Optional<Language> language(Map<String, String> query) {
        return Optional.ofNullable(query.get("lang")).flatMap(Language::parse);
    }

    private static String remote(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        return (remote == null ? "?" : remote.getAddress().getHostAddress()) + (forwarded == null ? "" : " (forwarded for "
                + (forwarded.length() > 100 ? forwarded.substring(0, 100) : forwarded) + ")");
    }

    private static Optional<Map<String, String>> readForm(HttpExchange exchange) throws IOException {
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                return Optional.empty();
            }
            return Optional.of(form(new String(body, StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(name, value);
            } catch (IllegalArgumentException malformed) {
                // a malformed escape: the pair is ignored
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8), "no-store");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] bytes, String cache)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", cache);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
