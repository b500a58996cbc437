package io.guichet.mail.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A test CA and a server certificate it signed for {@code localhost} only (no IP address in it, so that connecting to
 * 127.0.0.1 is a host name mismatch), plus a second, unrelated CA. EC P-256 keys, valid two days. The certificates are
 * X.509 v3 written in DER here and signed with the JDK's ECDSA, then read back by the JDK's certificate factory: no
 * keytool process to start (five of them took 4 to 10 s on a busy machine), no other library.
 *
 * @param serverKeyStore PKCS12 with the server's key and its chain (server, CA), password {@link #PASSWORD}
 * @param caPem          the CA's certificate, PEM
 * @param otherCaPem     another CA's certificate, PEM: it signed nothing here
 */
public record TestCertificates(Path serverKeyStore, Path caPem, Path otherCaPem) {

    public static final String PASSWORD = "changeit";

    private static final String EC_PUBLIC_KEY_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    /** Makes them in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException {
        try {
            KeyPair caKeys = ecKeys();
            KeyPair serverKeys = ecKeys();
            KeyPair otherKeys = ecKeys();
            X509Certificate ca = certificate("Guichet Test CA", caKeys.getPublic(), "Guichet Test CA",
                    caKeys.getPrivate(), true);
            X509Certificate other = certificate("Some Other CA", otherKeys.getPublic(), "Some Other CA",
                    otherKeys.getPrivate(), true);
            X509Certificate server = certificate("localhost", serverKeys.getPublic(), "Guichet Test CA",
                    caKeys.getPrivate(), false);
            server.verify(caKeys.getPublic());

            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {server, ca});
            Path keyStore = dir.resolve("server.p12");
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return new TestCertificates(keyStore, writePem(dir.resolve("ca.pem"), ca),
                    writePem(dir.resolve("other-ca.pem"), other));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the test certificates", e);
        }
    }

    /** A server-side TLS context presenting the server certificate. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(serverKeyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + serverKeyStore, e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A CA certificate (basic constraints CA, key usage keyCertSign and cRLSign) or a TLS server's for its name. */
    private static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey,
                                               boolean authority) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        byte[] extensions = authority
                ? seq(extension(BASIC_CONSTRAINTS, true, seq(bool())),
                        extension(KEY_USAGE, true, bits(0x06, 1))) // keyCertSign, cRLSign
                : seq(extension(BASIC_CONSTRAINTS, true, seq()),
                        extension(KEY_USAGE, true, bits(0x80, 7)), // digitalSignature
                        extension(EXTENDED_KEY_USAGE, false, seq(oid(SERVER_AUTH))),
                        extension(SUBJECT_ALT_NAME, false, seq(tlv(0x82, subject.getBytes(StandardCharsets.US_ASCII)))));
        byte[] tbs = seq(
                tlv(0xA0, integer(BigInteger.TWO)), // version 3
                integer(new BigInteger(63, new SecureRandom())),
                seq(oid(EC_PUBLIC_KEY_WITH_SHA256)),
                name(issuer),
                seq(time(now.minus(Duration.ofHours(1))), time(now.plus(Duration.ofDays(2)))),
                name(subject),
                key.getEncoded(), // SubjectPublicKeyInfo, already DER
                tlv(0xA3, extensions));
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(issuerKey);
        ecdsa.update(tbs);
        byte[] der = seq(tbs, seq(oid(EC_PUBLIC_KEY_WITH_SHA256)), bits(ecdsa.sign(), 0));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static Path writePem(Path file, Certificate certificate) throws IOException, GeneralSecurityException {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return file;
    }

    // DER, as much as X.509 needs here

    private static byte[] extension(String oid, boolean critical, byte[] value) throws IOException {
        return critical ? seq(oid(oid), bool(), tlv(0x04, value)) : seq(oid(oid), tlv(0x04, value));
    }

    private static byte[] name(String commonName) throws IOException {
        return seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant instant) throws IOException {
        String utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(instant);
        return tlv(0x17, utc.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bool() throws IOException {
        return tlv(0x01, new byte[] {(byte) 0xFF});
    }

    private static byte[] integer(BigInteger value) throws IOException {
        return tlv(0x02, value.toByteArray());
    }

    /** A BIT STRING of {@code content} whose last {@code unused} bits are padding. */
    private static byte[] bits(int content, int unused) throws IOException {
        return tlv(0x03, new byte[] {(byte) unused, (byte) content});
    }

    private static byte[] bits(byte[] content, int unused) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(unused);
        out.write(content);
        return tlv(0x03, out.toByteArray());
    }

    private static byte[] oid(String dotted) throws IOException {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7F) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.write(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.write(content);
        return out.toByteArray();
    }
}
