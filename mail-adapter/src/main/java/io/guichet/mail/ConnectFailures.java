package io.guichet.mail;

import io.guichet.mail.oauth.OAuthLoginException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One-line explanations of the failures to connect that an operator must fix, for logs and health checks: a server
 * certificate that is not trusted, names another host, or is expired; a port that does not speak TLS; a server
 * without STARTTLS; an OAuth2 login that cannot be made. Other failures are left to the caller's own description.
 */
public final class ConnectFailures {

    private static final int MAX_DEPTH = 16;

    private ConnectFailures() {
    }

    /**
     * Explains {@code failure} of a connection to the {@code server} ("IMAP" or "SMTP") at {@code host}:{@code port},
     * whose certificates are checked against {@code trust}.
     */
    public static Optional<String> explain(Exception failure, String server, String host, int port, TlsTrust trust) {
        List<Throwable> chain = chain(failure);
        String setting = "GUICHET_" + server.toUpperCase(Locale.ROOT) + "_";
        for (Throwable t : chain) {
            if (t instanceof OAuthLoginException) {
                return Optional.of(t.getMessage());
            }
        }
        for (Throwable t : chain) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return Optional.of("TLS: the " + server + " server's certificate is outside its validity period ("
                        + line(t) + ")");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || line(t).contains("PKIX path")) {
                boolean validation = t instanceof CertPathValidatorException
                        || chain.stream().anyMatch(c -> line(c).contains("PKIX path validation failed"));
                String why = validation ? "PKIX path validation failed: " : "PKIX path building failed: ";
                String detail = line(innermost(chain)).replaceFirst("^.*PKIX path (building|validation) failed: ", "");
                return Optional.of("TLS: the " + server + " server's certificate is not trusted (" + why
                        + detail.replaceFirst("^[\\w.]+Exception: ", "") + "); " + (trust.hasPrivateCertificates()
                        ? "it chains to none of " + trust.describe()
                        : "if a private CA signed it, set GUICHET_MAIL_CA_FILE to that CA's certificate (PEM)"));
            }
        }
        for (Throwable t : chain) {
            String text = line(t);
            if (text.startsWith("No subject alternative") || text.startsWith("No name matching")) {
                return Optional.of("TLS: the " + server + " server's certificate does not name " + host + " (" + text
                        + "); set " + setting + "HOST to a name the certificate holds");
            }
        }
        for (Throwable t : chain) {
            String text = line(t);
            String lower = text.toLowerCase(Locale.ROOT);
            if (t instanceof SSLException && (lower.contains("unrecognized ssl message")
                    || lower.contains("plaintext connection"))) {
                return Optional.of("TLS: the " + server + " server at " + host + ":" + port + " did not answer with"
                        + " TLS; check " + setting + "PORT and " + setting + "SECURITY (tls, starttls, none)");
            }
            if (text.contains("STARTTLS") && text.contains("not support")) {
                return Optional.of("TLS: the " + server + " server at " + host + ":" + port + " does not offer"
                        + " STARTTLS; check " + setting + "PORT and " + setting + "SECURITY (tls, starttls, none)");
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SSLHandshakeException) {
                return Optional.of("TLS: the handshake with the " + server + " server failed (" + line(t) + ")");
            }
        }
        return Optional.empty();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable innermost(List<Throwable> chain) {
        return chain.getLast();
    }

    private static String line(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
