package io.guichet.mail.outbound;

import java.time.Duration;

/**
 * Caps on automatic mail per recipient, so two robots can never keep answering each other and a stranger cannot
 * make us write to someone repeatedly: at most {@code automaticPerWindow} automatic answers per {@code window},
 * and at most {@code refusalsPerWindow} refusals (unknown sender R10, no coverage R1, no access).
 */
public record AutoReplyLimits(int automaticPerWindow, int refusalsPerWindow, Duration window) {

    public static AutoReplyLimits defaults() {
        return new AutoReplyLimits(20, 1, Duration.ofHours(24));
    }
}
