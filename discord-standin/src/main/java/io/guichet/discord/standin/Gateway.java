package io.guichet.discord.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Discord's gateway, version 10, JSON encoding, optionally {@code zlib-stream} compressed: HELLO on connect,
 * IDENTIFY answered with READY (the guild unavailable) then GUILD_CREATE, heartbeats acknowledged, and RESUME
 * replaying what a dropped session missed before RESUMED. Each session keeps its last dispatches so that a resume
 * loses nothing; a session ends when its client closes with 1000 or 1001, as Discord's do.
 */
final class Gateway extends WebSocketServer {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    static final int HEARTBEAT_INTERVAL_MS = 41_250;
    private static final int KEPT_DISPATCHES = 5_000;
    private static final int KEPT_EVENTS = 10_000;

    private final Payloads payloads;
    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Deque<GatewayEvent> events = new ArrayDeque<>();
    private volatile String url;

    Gateway(InetSocketAddress address, Payloads payloads) {
        super(address);
        this.payloads = payloads;
        setReuseAddr(true);
        setTcpNoDelay(true);
        setConnectionLostTimeout(0);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the stand-in's gateway did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the gateway started", e);
        }
        url = "ws://" + getAddress().getHostString() + ":" + getPort();
    }

    String url() {
        return url;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        String query = URI.create(handshake.getResourceDescriptor()).getRawQuery();
        boolean zlib = query != null && query.contains("compress=zlib-stream");
        if (query != null && query.contains("encoding=etf")) {
            socket.close(4002, "The stand-in speaks JSON only.");
            return;
        }
        Connection connection = new Connection(socket, zlib);
        socket.setAttachment(connection);
        ObjectNode hello = Json.object().put("op", 10);
        hello.putObject("d").put("heartbeat_interval", HEARTBEAT_INTERVAL_MS);
        hello.putNull("s");
        hello.putNull("t");
        connection.send(hello, "HELLO", null, 0);
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
        Connection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        JsonNode frame = Json.parse(message);
        int op = frame.path("op").asInt(-1);
        String sessionId = connection.session == null ? null : connection.session.id;
        record(GatewayEvent.Direction.RECEIVED, sessionId, op, GatewayEvent.opName(op), 0);
        switch (op) {
            case 1 -> {
                ObjectNode ack = Json.object().put("op", 11);
                connection.send(ack, "HEARTBEAT_ACK", sessionId, 0);
            }
            case 2 -> identify(connection, frame.path("d"));
            case 6 -> resume(connection, frame.path("d"));
            default -> LOG.debug("gateway op {} ignored", op);
        }
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer message) {
        socket.close(4002, "The stand-in expects JSON text frames.");
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        Connection connection = socket.getAttachment();
        if (connection == null || connection.session == null) {
            return;
        }
        Session session = connection.session;
        session.detach(connection);
        if (remote && (code == 1000 || code == 1001)) {
            session.ended = true;
            sessions.remove(session.id);
        }
        LOG.debug("gateway connection of session {} closed: {} {} (by {})", session.id, code, reason,
                remote ? "client" : "stand-in");
    }

    @Override
    public void onError(WebSocket socket, Exception e) {
        LOG.debug("gateway connection error: {}", e.toString());
    }

    private void identify(Connection connection, JsonNode d) {
        if (!payloads.world().token().equals(d.path("token").asText())) {
            connection.socket.close(4004, "Authentication failed.");
            return;
        }
        Session session = new Session(UUID.randomUUID().toString().replace("-", ""), d.path("intents").asLong(0));
        sessions.put(session.id, session);
        session.attach(connection);
        ObjectNode ready = Json.object().put("v", 10);
        ready.set("user", payloads.botUser());
        ready.putArray("guilds").addObject().put("id", payloads.world().guildId()).put("unavailable", true);
        ready.put("session_id", session.id).put("session_type", "normal").put("resume_gateway_url", url);
        if (d.has("shard")) {
            ready.set("shard", d.path("shard").deepCopy());
        }
        ready.putObject("application").put("id", payloads.world().applicationId()).put("flags", 0);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.putArray("presences");
        ready.putArray("guild_join_requests");
        ready.putArray("geo_ordered_rtc_regions");
        ready.putObject("user_settings");
        ready.putArray("_trace").add("[\"guichet-discord-standin\"]");
        session.dispatch("READY", ready);
        session.dispatch("GUILD_CREATE", payloads.guildCreate());
    }

    private void resume(Connection connection, JsonNode d) {
        Session session = sessions.get(d.path("session_id").asText());
        if (session == null || session.ended || !payloads.world().token().equals(d.path("token").asText())
                || !session.canReplayFrom(d.path("seq").asLong())) {
            ObjectNode invalid = Json.object().put("op", 9).put("d", false);
            connection.send(invalid, "INVALID_SESSION", null, 0);
            return;
        }
        session.resume(connection, d.path("seq").asLong());
    }

    /**
     * Sends an event to every live session (a dropped one keeps it for its resume).
     *
     * @return {@link System#nanoTime()} when it was handed to the socket (or queued, for a dropped session)
     * @throws IllegalStateException when no bot has identified
     */
    long dispatch(String type, JsonNode data) {
        List<Session> live = sessions.values().stream().filter(s -> !s.ended).toList();
        if (live.isEmpty()) {
            throw new IllegalStateException("no bot is connected to the stand-in's gateway (none has identified)");
        }
        long first = 0;
        for (Session session : live) {
            long at = session.dispatch(type, data);
            first = first == 0 ? at : first;
        }
        return first;
    }

    /** Cuts every open connection without a close frame, as a network failure does; returns how many were cut. */
    int dropConnections() {
        int dropped = 0;
        for (WebSocket socket : getConnections()) {
            socket.closeConnection(1006, "dropped by the stand-in");
            dropped++;
        }
        return dropped;
    }

    /** Sessions identified and not ended. */
    int liveSessions() {
        return (int) sessions.values().stream().filter(s -> !s.ended).count();
    }

    /** Live sessions with an open connection. */
    int connectedSessions() {
        return (int) sessions.values().stream().filter(s -> !s.ended && s.connection != null).count();
    }

    synchronized List<GatewayEvent> events() {
        return List.copyOf(events);
    }

    private synchronized void record(GatewayEvent.Direction direction, String sessionId, int op, String name, long seq) {
        events.addLast(new GatewayEvent(Instant.now(), direction, sessionId, op, name, seq));
        if (events.size() > KEPT_EVENTS) {
            events.removeFirst();
        }
    }

    /** One socket, with its own compression context. */
    private final class Connection {
        private final WebSocket socket;
        private final Deflater deflater;
        private volatile Session session;

        Connection(WebSocket socket, boolean zlib) {
            this.socket = socket;
            this.deflater = zlib ? new Deflater() : null;
        }

        void send(ObjectNode frame, String name, String sessionId, long seq) {
            send(Json.write(frame), frame.path("op").asInt(), name, sessionId, seq);
        }

        synchronized void send(String text, int op, String name, String sessionId, long seq) {
            if (!socket.isOpen()) {
                return;
            }
            if (deflater == null) {
                socket.send(text);
            } else {
                socket.send(compress(text.getBytes(StandardCharsets.UTF_8)));
            }
            record(GatewayEvent.Direction.SENT, sessionId, op, name, seq);
        }

        /** zlib-stream: one context for the connection, each message ending in a sync flush. */
        private byte[] compress(byte[] text) {
            deflater.setInput(text);
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length / 2 + 64);
            byte[] buffer = new byte[8192];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            return out.toByteArray();
        }
    }

    /** A dispatch as sent: kept serialized, for a resume. */
    private record Sent(long seq, String type, String text) {
    }

    /** A gateway session: its sequence, its recent dispatches, and its connection while it has one. */
    private final class Session {
        private final String id;
        private final long intents;
        private final Deque<Sent> sent = new ArrayDeque<>();
        private long sequence;
        private volatile Connection connection;
        private volatile boolean ended;

        Session(String id, long intents) {
            this.id = id;
            this.intents = intents;
        }

        synchronized void attach(Connection next) {
            Connection previous = connection;
            connection = next;
            next.session = this;
            if (previous != null && previous != next) {
                previous.socket.close(4000, "Session resumed elsewhere.");
            }
        }

        synchronized void detach(Connection closed) {
            if (connection == closed) {
                connection = null;
            }
        }

        synchronized boolean canReplayFrom(long seq) {
            return sent.isEmpty() || seq >= sent.getFirst().seq() - 1;
        }

        synchronized long dispatch(String type, JsonNode data) {
            long at = System.nanoTime();
            ObjectNode frame = Json.object().put("op", 0).put("t", type).put("s", ++sequence);
            frame.set("d", data);
            Sent dispatched = new Sent(sequence, type, Json.write(frame));
            sent.addLast(dispatched);
            if (sent.size() > KEPT_DISPATCHES) {
                sent.removeFirst();
            }
            Connection open = connection;
            if (open != null) {
                open.send(dispatched.text(), 0, type, id, sequence);
            }
            return at;
        }

        synchronized void resume(Connection next, long lastSeen) {
            attach(next);
            for (Sent frame : sent) {
                if (frame.seq() > lastSeen) {
                    next.send(frame.text(), 0, frame.type(), id, frame.seq());
                }
            }
            dispatch("RESUMED", Json.object().set("_trace", Json.array().add("[\"guichet-discord-standin\"]")));
        }

        @Override
        public String toString() {
            return "Session[" + id + ", intents=" + intents + "]";
        }
    }
}
