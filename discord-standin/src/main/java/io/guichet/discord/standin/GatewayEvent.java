package io.guichet.discord.standin;

import java.time.Instant;

/**
 * A gateway frame the stand-in received or sent (dispatches by their event name, other frames by their opcode's),
 * for tests about sessions: identify, resume, replayed events.
 *
 * @param sequence the dispatch's sequence number in its session, 0 for other frames
 */
public record GatewayEvent(Instant at, Direction direction, String sessionId, int op, String name, long sequence) {

    /** Which way the frame went. */
    public enum Direction { RECEIVED, SENT }

    static String opName(int op) {
        return switch (op) {
            case 0 -> "DISPATCH";
            case 1 -> "HEARTBEAT";
            case 2 -> "IDENTIFY";
            case 3 -> "PRESENCE_UPDATE";
            case 4 -> "VOICE_STATE_UPDATE";
            case 6 -> "RESUME";
            case 7 -> "RECONNECT";
            case 8 -> "REQUEST_GUILD_MEMBERS";
            case 9 -> "INVALID_SESSION";
            case 10 -> "HELLO";
            case 11 -> "HEARTBEAT_ACK";
            default -> "OP_" + op;
        };
    }
}
