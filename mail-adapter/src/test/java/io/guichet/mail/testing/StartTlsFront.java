package io.guichet.mail.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SMTP with STARTTLS in front of a plain SMTP server, for tests (GreenMail has no STARTTLS): answers the greeting and
 * EHLO itself, offering only STARTTLS, refuses anything else before it, then upgrades the connection with the given
 * server certificate (RFC 3207) and relays the rest, decrypted, to the real server, whose greeting it has consumed.
 */
public final class StartTlsFront implements AutoCloseable {

    private final ServerSocket listener;
    private final SSLContext tls;
    private final int upstreamPort;
    private final AtomicInteger upgraded = new AtomicInteger();
    private final List<String> plainCommands = new CopyOnWriteArrayList<>();

    public StartTlsFront(SSLContext tls, int upstreamPort) throws IOException {
        this.tls = tls;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("starttls-front").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections whose TLS handshake succeeded. */
    public int upgraded() {
        return upgraded.get();
    }

    /** Commands clients sent in the clear, before TLS. */
    public List<String> plainCommands() {
        return List.copyOf(plainCommands);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream fromUpstream = upstream.getInputStream();
            readLine(fromUpstream); // the real server's greeting: the client gets ours
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 localhost ESMTP (STARTTLS front)");
            for (String line = readLine(in); line != null; line = readLine(in)) {
                plainCommands.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> write(out, "250-localhost\r\n250 STARTTLS");
                    case "STARTTLS" -> {
                        write(out, "220 2.0.0 Ready to start TLS");
                        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null,
                                client.getPort(), false);
                        secure.setUseClientMode(false);
                        secure.startHandshake(); // a client refusing our certificate ends it here
                        upgraded.incrementAndGet();
                        relay(secure, upstream);
                        return;
                    }
                    case "QUIT" -> {
                        write(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> write(out, "530 5.7.0 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // the client went away or refused the handshake
        }
    }

    private static void relay(Socket secure, Socket upstream) throws IOException {
        Thread back = Thread.ofVirtual().start(() -> copy(upstream, secure));
        copy(secure, upstream);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        secure.close();
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static void write(OutputStream out, String lines) throws IOException {
        out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One CRLF-ended line, read byte by byte so that nothing past it (a TLS ClientHello) is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }
}
