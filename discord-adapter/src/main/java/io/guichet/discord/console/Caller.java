package io.guichet.discord.console;

import io.guichet.core.ticket.Actor;

import java.util.Set;

/**
 * The Discord member behind an interaction: the audit trail records the user id (stable) and the name shown at the
 * time (R7).
 */
record Caller(String userId, String userName, Set<String> roleIds) {

    Actor.Staff actor() {
        return Actor.Staff.discord(userId, userName);
    }
}
