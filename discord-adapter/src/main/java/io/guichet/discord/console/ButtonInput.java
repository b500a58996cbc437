package io.guichet.discord.console;

import java.util.Set;

/** A click on one of the console's buttons; {@code buttonId} is what {@link ButtonAction} wrote. */
public record ButtonInput(String userId, String userName, Set<String> roleIds, String buttonId) {

    public ButtonInput {
        roleIds = Set.copyOf(roleIds);
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
