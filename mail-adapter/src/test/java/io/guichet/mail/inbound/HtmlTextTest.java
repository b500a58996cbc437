package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    @DisplayName("p, br, div and li keep their line breaks; scripts and styles are dropped")
    void lineBreaks() {
        String html = "<html><head><style>p{color:red}</style><title>t</title></head><body>"
                + "<p>Bonjour,</p><p>Ligne 1<br>Ligne   2</p><div>Bloc</div>"
                + "<ul><li>un</li><li>deux</li></ul><script>alert(1)</script><p>Fin&nbsp;&amp; merci</p></body></html>";

        assertThat(HtmlText.toPlainText(html)).isEqualTo("""
                Bonjour,

                Ligne 1
                Ligne 2

                Bloc
                - un
                - deux
                Fin & merci""");
    }

    @Test
    @DisplayName("Blockquotes become > quoted lines, nested ones doubly quoted")
    void blockquotes() {
        String html = "<div>Reply</div><blockquote><div>Old</div><blockquote>Older</blockquote></blockquote>";

        assertThat(HtmlText.toPlainText(html)).isEqualTo("Reply\n> Old\n> > Older");
    }

    @Test
    @DisplayName("format=flowed soft breaks are joined, space-stuffing removed, the signature kept apart")
    void flowed() {
        assertThat(FlowedText.unflow("Une ligne tr\u00e8s \nlongue.\n From me\n-- \nSig", false))
                .isEqualTo("Une ligne tr\u00e8s longue.\nFrom me\n-- \nSig");
        assertThat(FlowedText.unflow("> cit\u00e9 \n> suite\nr\u00e9ponse", false))
                .isEqualTo("> cit\u00e9 suite\nr\u00e9ponse");
        assertThat(FlowedText.unflow("abc \ndef", true)).isEqualTo("abcdef");
    }
}
