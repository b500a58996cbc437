package io.guichet.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedPathTest {

    @Test
    @DisplayName("a logged path never holds a ticket link's token: masked on the page, its reply form and any path under it")
    void tokensMasked() {
        String token = "djF8MTA0MnwxfDE3NzQ5NTQwMDB8Ym9iQGFjbWUuZXhhbXBsZQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        assertThat(WebServer.loggable("/t/" + token)).isEqualTo("/t/***");
        assertThat(WebServer.loggable("/t/" + token + "/reply")).isEqualTo("/t/***/reply");
        assertThat(WebServer.loggable("/guichet/t/" + token + "/x/y")).isEqualTo("/guichet/t/***/x/y");
        assertThat(WebServer.loggable("/t/" + token + "/t/" + token)).isEqualTo("/t/***/t/***");
        assertThat(WebServer.loggable("/kb/reset-password")).isEqualTo("/kb/reset-password");
        String longPath = "/unknown/" + "a".repeat(300);
        assertThat(WebServer.loggable(longPath)).hasSize(123).endsWith("...");
        assertThat(WebServer.loggable("/x" + "/t/" + token)).doesNotContain(token.substring(0, 10));
    }
}
