package io.guichet.discord.console;

import io.guichet.core.ticket.Actor;

import java.util.Set;

/** The Discord member behind an interaction; the user name is what the audit trail records (R7). */
record Caller(String userId, String userName, Set<String> roleIds) {

    Actor.Staff actor() {
        return new Actor.Staff(userName);
    }
}
