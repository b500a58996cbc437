package io.guichet.mail.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA and a server certificate it signed for {@code localhost} only (no IP address in it, so that connecting to
 * 127.0.0.1 is a host name mismatch), made with the JDK's keytool; plus a second, unrelated CA. EC P-256 keys, valid
 * two days.
 *
 * @param serverKeyStore PKCS12 with the server's key and its chain (server, CA), password {@link #PASSWORD}
 * @param caPem          the CA's certificate, PEM
 * @param otherCaPem     another CA's certificate, PEM: it signed nothing here
 */
public record TestCertificates(Path serverKeyStore, Path caPem, Path otherCaPem) {

    public static final String PASSWORD = "changeit";

    /**
     * Makes them in {@code dir}: the three key pairs with keytool side by side, then the CA signs the server's request
     * (keytool -certreq piped into keytool -gencert); the PEM files and the server's chain are written here.
     */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path other = dir.resolve("other-ca.p12");
        Path server = dir.resolve("server.p12");
        Path signed = dir.resolve("server.crt");
        run(List.of(keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Guichet Test CA", "-ext", "bc:c",
                        "-keystore", ca.toString())),
                List.of(keytool("-genkeypair", "-alias", "server", "-dname", "CN=localhost", "-keystore",
                        server.toString())),
                List.of(keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Some Other CA", "-ext", "bc:c",
                        "-keystore", other.toString())));
        run(List.of(keytool("-certreq", "-alias", "server", "-keystore", server.toString()),
                keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-outfile", signed.toString(),
                        "-ext", "san=dns:localhost", "-ext", "eku=serverAuth", "-ext", "ku=digitalSignature")));
        try {
            KeyStore caStore = load(ca);
            X509Certificate caCertificate = (X509Certificate) caStore.getCertificate("ca");
            Path caPem = writePem(dir.resolve("ca.pem"), caCertificate);
            Path otherPem = writePem(dir.resolve("other-ca.pem"), load(other).getCertificate("ca"));
            Certificate serverCertificate;
            try (InputStream in = Files.newInputStream(signed)) {
                serverCertificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore serverStore = load(server);
            Key key = serverStore.getKey("server", PASSWORD.toCharArray());
            serverStore.setKeyEntry("server", key, PASSWORD.toCharArray(),
                    new Certificate[] {serverCertificate, caCertificate});
            try (OutputStream out = Files.newOutputStream(server)) {
                serverStore.store(out, PASSWORD.toCharArray());
            }
            return new TestCertificates(server, caPem, otherPem);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot assemble the test certificates", e);
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

    private static List<String> keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        if (args[0].equals("-gencert")) {
            command.addAll(List.of("-validity", "2"));
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        return command;
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Path writePem(Path file, Certificate certificate) throws IOException, GeneralSecurityException {
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n", StandardCharsets.US_ASCII);
        return file;
    }

    /** Runs pipelines (each a list of commands, output to the next one's input) side by side and waits for all. */
    @SafeVarargs
    private static void run(List<List<String>>... pipelines) throws IOException, InterruptedException {
        List<Process> running = new ArrayList<>();
        for (List<List<String>> pipeline : pipelines) {
            running.addAll(ProcessBuilder.startPipeline(pipeline.stream().map(ProcessBuilder::new).toList()));
        }
        for (Process p : running) {
            String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + p.info().commandLine().orElse("?") + "\n" + errors);
            }
        }
    }
}
