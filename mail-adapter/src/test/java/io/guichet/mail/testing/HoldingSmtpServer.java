package io.guichet.mail.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal SMTP server on loopback, for tests, that holds the reply to each message's data until {@link #release()}
 * (a relay slow to accept a message): the client sits in the middle of a send meanwhile. Accepts everything, except
 * the messages it is told to drop after their data ({@link #dropAfterData}).
 */
public final class HoldingSmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger messagesStarted = new AtomicInteger();
    private final AtomicInteger messagesAccepted = new AtomicInteger();
    private final AtomicInteger dropsAfterData = new AtomicInteger();

    public HoldingSmtpServer() {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("holding-smtp-accept").start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Messages whose data has been received (the reply held or not). */
    public int messagesStarted() {
        return messagesStarted.get();
    }

    /** Messages accepted (replied 250 to). */
    public int messagesAccepted() {
        return messagesAccepted.get();
    }

    /**
     * The next {@code count} messages are read to their end and then the connection is closed without a reply: the
     * client cannot know whether the server took them.
     */
    public void dropAfterData(int count) {
        dropsAfterData.set(count);
    }

    /** From now on, the replies held and every later one are given at once. */
    public void release() {
        released.countDown();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread.ofVirtual().name("holding-smtp").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 holding.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // the message itself is not kept
                        }
                        messagesStarted.incrementAndGet();
                        if (dropsAfterData.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                            return;
                        }
                        released.await(60, TimeUnit.SECONDS);
                        messagesAccepted.incrementAndGet();
                        reply(out, "250 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        release();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
