package io.guichet.mail.inbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML body into plain text that keeps its line structure: {@code <br>} is a line break; {@code <p>},
 * {@code <div>}, headings, table rows and list items start new lines ({@code <li>} gets a {@code "- "} bullet);
 * the content of {@code <blockquote>} is prefixed with {@code "> "} so that {@link QuoteStripper} can remove
 * quoted history the same way as in a text/plain reply. Scripts, styles and the head are dropped.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2",
            "h3", "h4", "h5", "h6", "pre", "hr", "section", "article", "header", "footer", "dl", "dt", "dd",
            "address", "center");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "template", "noscript");

    private HtmlText() {
    }

    /** The text of {@code html}, lines separated by {@code \n}, at most one blank line in a row, trimmed. */
    public static String toPlainText(String html) {
        Element body = Jsoup.parse(html).body();
        Renderer renderer = new Renderer();
        NodeTraversor.traverse(renderer, body);
        return tidy(renderer.result());
    }

    static String tidy(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int blank = 0;
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.equals(">")) {
                blank++;
                if (blank > 1 || out.isEmpty()) {
                    continue;
                }
                out.append(stripped).append('\n');
            } else {
                blank = 0;
                out.append(stripped).append('\n');
            }
        }
        return out.toString().strip();
    }

    /** Walks the tree once; nested blockquotes are rendered into their own buffer and prefixed on exit. */
    private static final class Renderer implements NodeVisitor {
        private final Deque<StringBuilder> buffers = new ArrayDeque<>();
        private int skipDepth;
        private int preDepth;

        Renderer() {
            buffers.push(new StringBuilder());
        }

        String result() {
            return buffers.getLast().toString();
        }

        @Override
        public void head(Node node, int depth) {
            if (skipDepth > 0) {
                if (node instanceof Element) {
                    skipDepth++;
                }
                return;
            }
            if (node instanceof TextNode text) {
                appendText(text);
            } else if (node instanceof Element element) {
                String tag = element.normalName().toLowerCase(Locale.ROOT);
                if (SKIPPED.contains(tag)) {
                    skipDepth = 1;
                } else if (tag.equals("br")) {
                    buffers.peek().append('\n');
                } else if (tag.equals("blockquote")) {
                    newLine();
                    buffers.push(new StringBuilder());
                } else if (BLOCKS.contains(tag)) {
                    newLine();
                    if (tag.equals("pre")) {
                        preDepth++;
                    }
                    if (tag.equals("li")) {
                        buffers.peek().append("- ");
                    }
                } else if (tag.equals("td") || tag.equals("th")) {
                    buffers.peek().append(' ');
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return;
            }
            if (skipDepth > 0) {
                skipDepth--;
                return;
            }
            String tag = element.normalName().toLowerCase(Locale.ROOT);
            if (tag.equals("blockquote")) {
                String quoted = tidy(buffers.pop().toString());
                StringBuilder parent = buffers.peek();
                for (String line : quoted.split("\n", -1)) {
                    parent.append(line.isEmpty() ? ">" : "> " + line).append('\n');
                }
            } else if (BLOCKS.contains(tag)) {
                if (tag.equals("pre")) {
                    preDepth--;
                }
                newLine();
                if (tag.equals("p")) {
                    buffers.peek().append('\n');
                }
            }
        }

        private void appendText(TextNode text) {
            StringBuilder out = buffers.peek();
            if (preDepth > 0) {
                out.append(text.getWholeText().replace("\r\n", "\n"));
                return;
            }
            String collapsed = text.getWholeText().replaceAll("[\\s\\u00a0]+", " ");
            if (collapsed.isBlank() && (out.isEmpty() || out.charAt(out.length() - 1) == '\n')) {
                return;
            }
            out.append(collapsed);
        }

        private void newLine() {
            StringBuilder out = buffers.peek();
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
    }
}
