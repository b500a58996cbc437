package io.guichet.discord.console;

import java.util.List;
import java.util.Set;

/**
 * A member's message in a thread, as the gateway gave it: who wrote it (with their roles), its text and the names of
 * the files they attached.
 */
public record ThreadMessageInput(String threadId, String messageId, String userId, String userName, Set<String> roleIds,
                                 String text, List<String> attachmentNames) {

    public ThreadMessageInput {
        roleIds = Set.copyOf(roleIds);
        attachmentNames = List.copyOf(attachmentNames);
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
