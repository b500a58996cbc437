package io.guichet.mail;

import io.guichet.mail.oauth.OAuthLoginException;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-line reasons for failures an operator must fix; the real TLS cases run against servers in MailTlsIT. */
class ConnectFailuresTest {

    private static MessagingException wrapped(Exception cause) {
        SSLHandshakeException handshake = new SSLHandshakeException("(certificate_unknown) " + cause.getMessage());
        handshake.initCause(cause);
        return new MessagingException(handshake.getMessage(), handshake);
    }

    @Test
    @DisplayName("an expired certificate, a chain that fails validation, an OAuth2 login: each named in one line")
    void explained() {
        assertThat(ConnectFailures.explain(wrapped(new CertificateExpiredException("NotAfter: Sun Dec 06 17:35:23 UTC"
                + " 2026")), "IMAP", "imap.example.com", 993, TlsTrust.system()))
                .contains("TLS: the IMAP server's certificate is outside its validity period (NotAfter: Sun Dec 06"
                        + " 17:35:23 UTC 2026)");
        assertThat(ConnectFailures.explain(wrapped(new CertPathValidatorException("PKIX path validation failed:"
                + " java.security.cert.CertPathValidatorException: Path does not chain with any of the trust anchors")),
                "SMTP", "smtp.example.com", 587, TlsTrust.system()))
                .contains("TLS: the SMTP server's certificate is not trusted (PKIX path validation failed: Path does not"
                        + " chain with any of the trust anchors); if a private CA signed it, set GUICHET_MAIL_CA_FILE to"
                        + " that CA's certificate (PEM)");
        assertThat(ConnectFailures.explain(new OAuthLoginException("OAuth2: no token"), "IMAP", "h", 993,
                TlsTrust.system())).contains("OAuth2: no token");
    }

    @Test
    @DisplayName("other failures are left to the caller's description")
    void othersLeft() {
        assertThat(ConnectFailures.explain(new MessagingException("Couldn't connect", new ConnectException(
                "Connection refused")), "IMAP", "h", 993, TlsTrust.system())).isEmpty();
    }
}
