package io.guichet.mail;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which certificates the IMAP and SMTP servers' certificates must chain to: the JDK's trusted CAs, plus, when an
 * operator gives a PEM file, the certificates in it (a private CA, or a server's own self-signed certificate).
 * Host names are always checked ({@code mail.*.ssl.checkserveridentity}); there is no way to turn either check off.
 */
public final class TlsTrust {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private static final TlsTrust SYSTEM = new TlsTrust(Optional.empty(), Optional.empty(), 0);

    private final Optional<SSLSocketFactory> socketFactory;
    private final Optional<Path> file;
    private final int added;

    private TlsTrust(Optional<SSLSocketFactory> socketFactory, Optional<Path> file, int added) {
        this.socketFactory = socketFactory;
        this.file = file;
        this.added = added;
    }

    /** What loading a PEM file gave: a trust to use, or why the file cannot serve. */
    public sealed interface Loaded {
        record Ready(TlsTrust trust) implements Loaded {
        }

        record Invalid(String problem) implements Loaded {
        }
    }

    /** The JDK's trusted CAs only (its {@code cacerts}, or {@code javax.net.ssl.trustStore} when set). */
    public static TlsTrust system() {
        return SYSTEM;
    }

    /** The JDK's trusted CAs and every certificate of a PEM file ({@code -----BEGIN CERTIFICATE-----} blocks). */
    public static Loaded withPemFile(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return new Loaded.Invalid("'" + file + "': no such file.");
        } catch (IOException e) {
            return new Loaded.Invalid("'" + file + "' cannot be read (" + e.getMessage() + ").");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM_CERTIFICATE.matcher(text);
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                certificates.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | IllegalArgumentException e) {
            return new Loaded.Invalid("'" + file + "': certificate " + (certificates.size() + 1)
                    + " cannot be read (" + e.getMessage() + ").");
        }
        if (certificates.isEmpty()) {
            return new Loaded.Invalid("'" + file + "' holds no PEM certificate (-----BEGIN CERTIFICATE----- ...).");
        }
        try {
            return new Loaded.Ready(new TlsTrust(Optional.of(socketFactory(certificates)), Optional.of(file),
                    certificates.size()));
        } catch (GeneralSecurityException | IOException e) {
            return new Loaded.Invalid("'" + file + "': the certificates cannot be used (" + e.getMessage() + ").");
        }
    }

    /**
     * Sets the session properties of one protocol ({@code prefix} is {@code mail.imap.}, {@code mail.imaps.},
     * {@code mail.smtp.}...): our socket factory when there is a PEM file; the host name check and no fallback to
     * another socket factory, always.
     */
    public void applyTo(Properties props, String prefix) {
        socketFactory.ifPresent(f -> props.put(prefix + "ssl.socketFactory", f));
        props.setProperty(prefix + "ssl.checkserveridentity", "true");
        // Angus Mail's default: when a connection through the given factory fails (a certificate refused), try again
        // with the JDK's default factory; that hides the real reason behind a second failure
        props.setProperty(prefix + "socketFactory.fallback", "false");
    }

    /** Whether certificates were added to the JDK's. */
    public boolean hasPrivateCertificates() {
        return file.isPresent();
    }

    /** For messages: {@code the JDK's trusted CAs} and, when set, {@code 1 certificate of /etc/guichet/ca.pem}. */
    public String describe() {
        return file.map(f -> "the JDK's trusted CAs and the " + added + " certificate" + (added == 1 ? "" : "s")
                + " of " + f).orElse("the JDK's trusted CAs");
    }

    @Override
    public String toString() {
        return "TlsTrust[" + describe() + "]";
    }

    /** One PKIX trust manager whose anchors are the JDK's defaults plus ours, so that failures read as usual. */
    private static SSLSocketFactory socketFactory(List<X509Certificate> ours)
            throws GeneralSecurityException, IOException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int n = 0;
        for (TrustManager tm : defaults.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("jdk-" + n++, ca);
                }
            }
        }
        for (X509Certificate certificate : ours) {
            anchors.setCertificateEntry("guichet-" + n++, certificate);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, combined.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
