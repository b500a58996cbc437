package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthenticationVerdictTest {

    private static final Optional<String> TRUSTED = Optional.of("mx.guichet.example");

    @Test
    @DisplayName("R10: the Thunderbird fixture passes DKIM, SPF and DMARC at our trusted server")
    void fixturePasses() {
        InboundEmail email = Fixtures.parsed("thunderbird-fr-reply.eml");

        assertThat(AuthenticationVerdict.of(email, TRUSTED)).isEqualTo(AuthenticationVerdict.PASS);
        assertThat(AuthenticationVerdict.of(email, Optional.of("MX.Guichet.Example")))
                .isEqualTo(AuthenticationVerdict.PASS);
    }

    @Test
    @DisplayName("R10: without a trusted authserv-id configured the verdict is NONE")
    void noTrustedId() {
        InboundEmail email = Fixtures.parsed("thunderbird-fr-reply.eml");

        assertThat(AuthenticationVerdict.of(email, Optional.empty())).isEqualTo(AuthenticationVerdict.NONE);
        assertThat(AuthenticationVerdict.of(email, Optional.of("  "))).isEqualTo(AuthenticationVerdict.NONE);
    }

    @Test
    @DisplayName("R10: a mail without Authentication-Results is NONE")
    void noHeader() {
        assertThat(AuthenticationVerdict.of(Fixtures.parsed("no-message-id.eml"), TRUSTED))
                .isEqualTo(AuthenticationVerdict.NONE);
    }

    @Test
    @DisplayName("R10: a header written by another server is ignored, even when it claims a pass")
    void foreignHeaderIgnored() {
        List<String> headers = List.of(
                "attacker.example; dkim=pass; spf=pass; dmarc=pass",
                "mx.guichet.example; dkim=none; spf=softfail smtp.mailfrom=acme.example; dmarc=none");

        assertThat(AuthenticationVerdict.evaluate(headers, TRUSTED)).isEqualTo(AuthenticationVerdict.FAIL);
        assertThat(AuthenticationVerdict.evaluate(headers.subList(0, 1), TRUSTED))
                .isEqualTo(AuthenticationVerdict.NONE);
    }

    @ParameterizedTest(name = "R10: \"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            mx.guichet.example; dmarc=fail (p=reject) header.from=acme.example; dkim=pass; spf=pass | FAIL
            mx.guichet.example; dkim=fail header.d=acme.example; spf=fail smtp.mailfrom=acme.example | FAIL
            mx.guichet.example; dkim=neutral (no key); spf=none                                     | FAIL
            mx.guichet.example; none                                                                | FAIL
            mx.guichet.example; dkim=pass header.d=acme.example; spf=fail                           | PASS
            mx.guichet.example; dkim=fail; spf=pass smtp.mailfrom=acme.example                      | PASS
            mx.guichet.example 1; dkim=fail; dkim=pass header.d=acme.example; spf=none              | PASS
            mx.guichet.example; dmarc=pass; dkim=none; spf=none                                     | PASS
            mx.guichet.example (our MX; dkim=pass); dkim=fail; spf=fail                            | FAIL
            mx.guichet.example; dkim/1=pass (sig ok); spf=neutral                                   | PASS
            """)
    void verdicts(String header, AuthenticationVerdict expected) {
        assertThat(AuthenticationVerdict.evaluate(List.of(header), TRUSTED)).isEqualTo(expected);
    }

    @Test
    @DisplayName("R10: a folded header with comments and quoted strings is parsed")
    void foldedHeader() {
        String header = "mx.guichet.example;\n\tdkim=pass (2048-bit key; \"quoted ; text\") header.d=acme.example;"
                + "\n\tspf=fail (domain of \"x;y\"@acme.example) smtp.mailfrom=acme.example";

        assertThat(AuthenticationResults.parse(header)).hasValueSatisfying(results -> {
            assertThat(results.authservId()).isEqualTo("mx.guichet.example");
            assertThat(results.results()).containsOnlyKeys("dkim", "spf");
            assertThat(results.has("dkim", "pass")).isTrue();
            assertThat(results.has("spf", "fail")).isTrue();
        });
        assertThat(AuthenticationVerdict.evaluate(List.of(header), TRUSTED)).isEqualTo(AuthenticationVerdict.PASS);
    }
}
