package io.guichet.mail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback in front of a real server, for tests: counts connections, keeps what clients sent, and can
 * refuse new ones (server down), cut the open ones (dropped socket) or silently swallow their traffic (a dead peer
 * that never answers, the case where IDLE surfaces nothing).
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger connections = new AtomicInteger();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private final StringBuffer sent = new StringBuffer();

    private static final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean blackhole;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("tcp-proxy-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections relayed so far (refused ones not counted). */
    public int connections() {
        return connections.get();
    }

    /** Everything clients sent so far, as ISO-8859-1 text (protocol commands are ASCII). */
    public String sentByClients() {
        return sent.toString();
    }

    /** While refusing, new connections are closed at once, as by a server that is down. */
    public void refuse(boolean refuse) {
        this.refusing = refuse;
    }

    /** Cuts every open connection. */
    public void dropAll() {
        links.forEach(Link::close);
        links.clear();
    }

    /** Open connections stay open but nothing passes any more, either way. New connections work normally. */
    public void stallAll() {
        links.forEach(link -> link.blackhole = true);
    }

    @Override
    public void close() {
        closeQuietly(listener);
        dropAll();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                links.add(link);
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> pipe(link, client, upstream));
                Thread.ofVirtual().start(() -> pipe(link, upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Link link, Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (!link.blackhole) {
                    if (from == link.client) {
                        sent.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the other side closed: close this one too
        } finally {
            if (!link.blackhole) {
                link.close();
                links.remove(link);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // nothing to do
        }
    }
}
