package io.guichet.discord.console;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A member's message in a thread, as the gateway gave it: who wrote it (with their roles), its text and the files they
 * attached (fetched from Discord only when they are to be mailed).
 */
public record ThreadMessageInput(String threadId, String messageId, String userId, String userName, Set<String> roleIds,
                                 String text, List<Attached> attachments) {

    public ThreadMessageInput {
        roleIds = Set.copyOf(roleIds);
        attachments = List.copyOf(attachments);
    }

    /** A file attached to the message: its name, type and size as Discord describes it, and how to fetch it. */
    public record Attached(String name, String contentType, long size, Content content) {
    }

    /** Fetches a file's bytes from Discord. */
    @FunctionalInterface
    public interface Content {
        byte[] fetch() throws IOException;
    }

    List<String> attachmentNames() {
        return attachments.stream().map(Attached::name).toList();
    }

    Caller caller() {
        return new Caller(userId, userName, roleIds);
    }
}
