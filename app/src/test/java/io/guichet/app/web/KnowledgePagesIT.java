package io.guichet.app.web;

import io.guichet.core.kb.Article;
import io.guichet.core.account.Language;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** R19: the knowledge base first: suggestions in the acknowledgement, and the knowledge base's pages on the web. */
class KnowledgePagesIT extends WebPagesFixture {

    private static final Pattern ARTICLE_LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/kb/[a-z0-9-]+)");

    @BeforeEach
    void articles() {
        core.desks().knowledge().save(ALICE, List.of(
                new Article("agents-offline-after-upgrade", "Agents show offline after an upgrade", Language.EN,
                        "After upgrading the server, restart the agent service on each endpoint: <agents> reconnect."),
                new Article("console-slow", "The console is slow", Language.EN,
                        "Clear the browser cache and check the database size."),
                new Article("backup-schedule", "Backup schedules", Language.EN,
                        "Nightly backups run at two in the morning; change the hour in the settings."),
                new Article("agents-hors-ligne", "Agents hors ligne après une mise à niveau", Language.FR,
                        "Après la mise à niveau du serveur, redémarrez le service des agents sur chaque poste.")));
    }

    private String lastBody(String to) {
        return String.valueOf(database.transactions().autoCommit().dsl()
                .fetchValue("select body from outbox where recipient = ? order by id desc limit 1", to));
    }

    @Test
    @DisplayName("R19: the acknowledgement suggests the relevant articles in the customer's language, with links to their pages")
    void acknowledgementSuggestsArticles() throws Exception {
        open(BOB, "Agents offline since the upgrade", "All agents show offline after upgrading the server.");
        String ack = lastBody(BOB.value());

        assertThat(ack).contains("These articles of our knowledge base may already answer your request:",
                "- Agents show offline after an upgrade: ").doesNotContain("Backup schedules", "hors ligne");
        Matcher link = ARTICLE_LINK.matcher(ack);
        assertThat(link.find()).isTrue();
        assertThat(link.group(1)).endsWith("/kb/agents-offline-after-upgrade");
        long suggested = ack.lines().filter(l -> l.startsWith("- ") && l.contains("/kb/")).count();
        assertThat(suggested).isBetween(1L, 3L);

        HttpResponse<String> article = get(link.group(1));
        assertThat(article.statusCode()).isEqualTo(200);
        assertThat(article.body()).contains("Agents show offline after an upgrade", "restart the agent service",
                "&lt;agents&gt;").doesNotContain("<agents>");
        assertThat(article.headers().firstValue("Content-Security-Policy")).isPresent();

        open(EVE, "Agents hors ligne", "Tous les agents sont hors ligne depuis la mise à niveau du serveur.");
        assertThat(lastBody(EVE.value())).contains("Ces articles de notre base de connaissances",
                "Agents hors ligne après une mise à niveau", "/kb/agents-hors-ligne").doesNotContain("show offline");
    }

    @Test
    @DisplayName("R19: a request sharing only a common word with an article ('change', in the backup article) is below the threshold: no suggestion")
    void noSuggestionBelowTheThreshold() {
        open(BOB, "Invoice address", "Please change the invoice address of our company.");
        assertThat(lastBody(BOB.value())).doesNotContain("knowledge base may already answer", "/kb/");
    }

    @Test
    @DisplayName("R19: the knowledge base's search page, in English and French; the query is escaped")
    void searchPage() throws Exception {
        String base = lastLinkBase();
        HttpResponse<String> en = get(base + "/kb?q=" + URLEncoder.encode("console slow", StandardCharsets.UTF_8));
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("Knowledge base", "href=\"kb/console-slow?lang=en\"", "The console is slow")
                .doesNotContain("Backup schedules");
        assertThat(get(base + "/kb?lang=fr&q=" + URLEncoder.encode("agents mise à niveau", StandardCharsets.UTF_8)).body())
                .contains("Base de connaissances", "Agents hors ligne après une mise à niveau");
        assertThat(get(base + "/kb?q=" + URLEncoder.encode("<script>x</script>", StandardCharsets.UTF_8)).body())
                .contains("&lt;script&gt;x&lt;/script&gt;", "No article matches").doesNotContain("<script>");
        assertThat(get(base + "/kb/no-such-article").statusCode()).isEqualTo(404);
    }

    private String lastLinkBase() {
        return core.pageLinks().orElseThrow().base().toString();
    }
}
