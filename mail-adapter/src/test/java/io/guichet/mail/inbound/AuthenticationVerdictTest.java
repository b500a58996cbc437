package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Authentication-Results (RFC 8601) read with DMARC's alignment (RFC 7489), over header shapes real servers write.
 * In the table, {@code ++} separates headers, topmost first (as they appear in the mail).
 */
class AuthenticationVerdictTest {

    private static final Optional<String> TRUSTED = Optional.of("mx.guichet.example");

    @ParameterizedTest(name = "R10: [{0}] from {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # DMARC decides when it ran
            mx.guichet.example; dkim=pass header.d=acme.example; spf=pass smtp.mailfrom=acme.example; dmarc=pass header.from=acme.example | acme.example | PASS
            mx.guichet.example; dmarc=fail (p=reject dis=none) header.from=acme.example; dkim=pass header.d=acme.example; spf=pass smtp.mailfrom=acme.example | acme.example | FAIL
            mx.guichet.example; spf=fail smtp.mailfrom=acme.example; dkim=fail header.d=acme.example; dmarc=fail header.from=acme.example | acme.example | FAIL
            mx.guichet.example; dmarc=pass header.from=acme.example; dkim=none; spf=none | acme.example | PASS
            # Gmail's shape: header.i, an address in smtp.mailfrom, comments everywhere
            mx.guichet.example; dkim=pass header.i=@acme.example header.s=20230601 header.b=Xy12; spf=pass (mx.guichet.example: domain of bob@acme.example designates 192.0.2.1 as permitted sender) smtp.mailfrom=bob@acme.example | acme.example | PASS
            # dmarc=none (no DMARC record) or no DMARC result: an aligned SPF or DKIM pass, or unverified
            mx.guichet.example; dmarc=none header.from=acme.example; dkim=pass header.d=acme.example; spf=none | acme.example | PASS
            mx.guichet.example; dmarc=none header.from=acme.example; spf=pass smtp.mailfrom=bounces.acme.example | acme.example | PASS
            mx.guichet.example; spf=pass smtp.mailfrom=acme.example | support.acme.example | PASS
            mx.guichet.example; dkim=pass header.d=mail.acme.example | acme.example | PASS
            mx.guichet.example; dmarc=none header.from=acme.example; spf=pass smtp.mailfrom=mailer.example; dkim=pass header.d=mailer.example | acme.example | UNVERIFIED
            mx.guichet.example; dkim=pass header.d=evil.example; spf=pass smtp.mailfrom=evil.example | acme.example | UNVERIFIED
            mx.guichet.example; dkim=pass header.d=notacme.example | acme.example | UNVERIFIED
            mx.guichet.example; dkim=pass header.d=acme.example.evil.example | acme.example | UNVERIFIED
            mx.guichet.example; dkim=fail header.d=acme.example; spf=fail smtp.mailfrom=acme.example | acme.example | UNVERIFIED
            mx.guichet.example; dkim=neutral (no key); spf=none | acme.example | UNVERIFIED
            mx.guichet.example; none | acme.example | UNVERIFIED
            mx.guichet.example; dmarc=temperror header.from=acme.example | acme.example | UNVERIFIED
            mx.guichet.example; dkim=pass header.d=b.acme.example | a.acme.example | UNVERIFIED
            mx.guichet.example; spf=pass | acme.example | UNVERIFIED
            # several results of one method: any aligned pass
            mx.guichet.example; dkim=fail header.d=acme.example; dkim=pass header.d=other.example; dkim=pass header.d=acme.example | acme.example | PASS
            # versions, upper case, quoted values, spaces around =
            mx.guichet.example 1; dkim/1=pass header.d=acme.example | acme.example | PASS
            MX.GUICHET.EXAMPLE; DKIM=PASS HEADER.D=ACME.EXAMPLE; DMARC=NONE | acme.example | PASS
            mx.guichet.example; spf = pass smtp.mailfrom = "bob@acme.example" | acme.example | PASS
            "mx.guichet.example"; dmarc=fail | acme.example | FAIL
            # a comment is not a result
            mx.guichet.example (our MX; dmarc=pass); dkim=fail (bad signature; dkim=pass) header.d=acme.example | acme.example | UNVERIFIED
            # look-alike ids are somebody else's
            mx.guichet.example.evil; dmarc=pass header.from=acme.example | acme.example | NONE
            evil-mx.guichet.example; dmarc=pass | acme.example | NONE
            guichet.example; dmarc=pass | acme.example | NONE
            # the topmost header of our id is ours; one below it claiming our id came with the mail
            mx.guichet.example; dmarc=none; dkim=none; spf=none ++ mx.guichet.example; dmarc=pass header.from=acme.example | acme.example | UNVERIFIED
            mx.guichet.example; dmarc=fail header.from=acme.example ++ mx.guichet.example; dmarc=pass header.from=acme.example | acme.example | FAIL
            spamfilter.guichet.example; x-spam=no ++ mx.guichet.example; dkim=pass header.d=acme.example ++ mx.guichet.example; dmarc=fail | acme.example | PASS
            attacker.example; dkim=pass; spf=pass; dmarc=pass ++ mx.guichet.example; spf=softfail smtp.mailfrom=acme.example; dmarc=none | acme.example | UNVERIFIED
            """)
    void verdicts(String headers, String fromDomain, AuthenticationVerdict expected) {
        List<String> list = Arrays.stream(headers.split("\\+\\+")).map(String::strip).toList();

        assertThat(AuthenticationVerdict.evaluate(list, fromDomain, TRUSTED)).isEqualTo(expected);
    }

    @Test
    @DisplayName("R10: the Thunderbird and Outlook fixtures pass at our trusted server, whatever the case of the configured id")
    void fixturesPass() {
        assertThat(AuthenticationVerdict.of(Fixtures.parsed("thunderbird-fr-reply.eml"), TRUSTED))
                .isEqualTo(AuthenticationVerdict.PASS);
        assertThat(AuthenticationVerdict.of(Fixtures.parsed("outlook-en-reply.eml"), Optional.of("MX.Guichet.Example")))
                .isEqualTo(AuthenticationVerdict.PASS);
    }

    @Test
    @DisplayName("R10: without a trusted authserv-id configured, or without a header from it, there is nothing to read")
    void nothingToRead() {
        InboundEmail email = Fixtures.parsed("thunderbird-fr-reply.eml");

        assertThat(AuthenticationVerdict.of(email, Optional.empty())).isEqualTo(AuthenticationVerdict.NONE);
        assertThat(AuthenticationVerdict.of(email, Optional.of("  "))).isEqualTo(AuthenticationVerdict.NONE);
        assertThat(AuthenticationVerdict.of(Fixtures.parsed("no-message-id.eml"), TRUSTED))
                .isEqualTo(AuthenticationVerdict.NONE);
    }

    @Test
    @DisplayName("R10: a folded header with comments and quoted strings is parsed, properties kept")
    void foldedHeader() {
        String header = "mx.guichet.example;\n\tdkim=pass (2048-bit key; \"quoted ; text\") header.d=acme.example;"
                + "\n\tspf=fail (domain of \"x;y\"@acme.example) smtp.mailfrom=acme.example";

        assertThat(AuthenticationResults.parse(header)).hasValueSatisfying(results -> {
            assertThat(results.authservId()).isEqualTo("mx.guichet.example");
            assertThat(results.results()).extracting(AuthenticationResults.Result::method).containsExactly("dkim", "spf");
            assertThat(results.of("dkim").getFirst().property("header.d")).contains("acme.example");
            assertThat(results.has("spf", "fail")).isTrue();
        });
        assertThat(AuthenticationVerdict.evaluate(List.of(header), "acme.example", TRUSTED))
                .isEqualTo(AuthenticationVerdict.PASS);
    }

    @Test
    @DisplayName("a header with no authserv-id (a result first) is no header")
    void noAuthservId() {
        assertThat(AuthenticationResults.parse("spf=pass smtp.mailfrom=acme.example; dkim=pass")).isEmpty();
    }
}
