package io.guichet.app.cli.admin;

import io.guichet.core.account.Language;
import io.guichet.core.kb.Article;

import java.util.List;
import java.util.Optional;

/**
 * Reads a knowledge-base article from Markdown: optional front matter between {@code ---} lines (with
 * {@code lang: fr|en}), the title from the first {@code # } heading, the language from the front matter or a
 * {@code .fr.md} / {@code .en.md} suffix (English otherwise), the slug from the file name.
 */
public final class MarkdownArticle {

    private MarkdownArticle() {
    }

    /** The article, or why the file is not one. */
    public sealed interface Read {
        record Ok(Article article) implements Read {
        }

        record Invalid(String reason) implements Read {
        }
    }

    public static Read parse(String fileName, String text) {
        String base = fileName.replaceFirst("(?i)\\.md$", "");
        Optional<Language> suffix = Optional.empty();
        if (base.matches("(?i).*\\.(fr|en)$")) {
            suffix = Language.parse(base.substring(base.length() - 2));
            base = base.substring(0, base.length() - 3);
        }
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        int start = 0;
        Optional<Language> front = Optional.empty();
        if (!lines.isEmpty() && lines.get(0).strip().equals("---")) {
            int end = 1;
            while (end < lines.size() && !lines.get(end).strip().equals("---")) {
                String line = lines.get(end).strip();
                if (line.toLowerCase().startsWith("lang:")) {
                    String value = line.substring(5).strip();
                    front = Language.parse(value);
                    if (front.isEmpty()) {
                        return new Read.Invalid("'lang: " + value + "' is not a language: use en or fr");
                    }
                }
                end++;
            }
            if (end == lines.size()) {
                return new Read.Invalid("the front matter opened with --- is never closed");
            }
            start = end + 1;
        }
        int heading = -1;
        for (int i = start; i < lines.size(); i++) {
            if (lines.get(i).startsWith("# ")) {
                heading = i;
                break;
            }
        }
        if (heading < 0) {
            return new Read.Invalid("no title: the article needs a '# Title' line");
        }
        String title = lines.get(heading).substring(2).strip();
        String body = String.join("\n", lines.subList(heading + 1, lines.size())).strip();
        String slug = base.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        if (slug.isEmpty()) {
            return new Read.Invalid("the file name gives no usable slug");
        }
        Optional<Language> named = suffix;
        Language language = front.or(() -> named).orElse(Language.EN);
        return new Read.Ok(new Article(slug + (suffix.isPresent() ? "-" + language.code() : ""), title, language, body));
    }
}
