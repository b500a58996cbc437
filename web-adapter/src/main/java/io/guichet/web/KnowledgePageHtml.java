package io.guichet.web;

import io.guichet.core.account.Language;
import io.guichet.core.kb.Article;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.guichet.web.Html.text;

/** R19: the knowledge base's pages: the search form and its results, an article. */
final class KnowledgePageHtml {

    private KnowledgePageHtml() {
    }

    private static String title(Language lang) {
        return lang == Language.FR ? "Base de connaissances" : "Knowledge base";
    }

    /** The search page at {@code /kb}: links relative to it. */
    static String search(String q, Language lang, List<Article> found) {
        boolean fr = lang == Language.FR;
        String other = fr ? "en" : "fr";
        StringBuilder b = new StringBuilder();
        b.append("<header><nav><a href=\"kb?lang=").append(other).append("&amp;q=")
                .append(text(URLEncoder.encode(q, StandardCharsets.UTF_8))).append("\" hreflang=\"").append(other)
                .append("\">").append(fr ? "English" : "Français").append("</a></nav><h1>").append(title(lang))
                .append("</h1></header><main>");
        b.append("<form method=\"get\" action=\"kb\"><input type=\"hidden\" name=\"lang\" value=\"")
                .append(fr ? "fr" : "en").append("\"><label for=\"q\">")
                .append(fr ? "Rechercher" : "Search").append("</label> <input type=\"search\" id=\"q\" name=\"q\" value=\"")
                .append(text(q)).append("\" maxlength=\"500\"> <button type=\"submit\" id=\"search\">")
                .append(fr ? "Chercher" : "Search").append("</button></form>");
        if (!q.isEmpty()) {
            b.append("<section id=\"results\">");
            if (found.isEmpty()) {
                b.append("<p>").append(fr ? "Aucun article ne correspond. Écrivez-nous : un ticket vous répondra."
                        : "No article matches. Write to us: a ticket will answer.").append("</p>");
            } else {
                b.append("<ul>");
                found.forEach(a -> b.append("<li><a href=\"kb/")
                        .append(text(URLEncoder.encode(a.slug(), StandardCharsets.UTF_8))).append("?lang=")
                        .append(fr ? "fr" : "en").append("\">").append(text(a.title())).append("</a></li>"));
                b.append("</ul>");
            }
            b.append("</section>");
        }
        b.append("</main>");
        return TicketPageHtml.layout(lang, title(lang), StyleSheet.NAME, b.toString());
    }

    /** An article at {@code /kb/SLUG}, in its own language. */
    static String article(Article article, Language lang) {
        boolean fr = lang == Language.FR;
        String body = "<header><nav><a href=\"../kb?lang=" + (fr ? "fr" : "en") + "\">" + title(lang) + "</a></nav>"
                + "<h1 id=\"title\">" + text(article.title()) + "</h1></header><main><article lang=\""
                + article.language().code() + "\"><pre id=\"body\">" + text(article.body().strip())
                + "</pre></article></main>";
        return TicketPageHtml.layout(article.language(), article.title(), "../" + StyleSheet.NAME, body);
    }

    static String notFound(Language lang) {
        return TicketPageHtml.layout(lang, title(lang), "../" + StyleSheet.NAME, "<main><h1>" + title(lang) + "</h1><p>"
                + (lang == Language.FR ? "Cet article n'existe pas." : "This article does not exist.")
                + " <a href=\"../kb\">" + title(lang) + "</a></p></main>");
    }
}
