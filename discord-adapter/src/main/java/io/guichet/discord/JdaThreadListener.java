package io.guichet.discord;

import io.guichet.discord.console.ThreadMessageInput;
import io.guichet.discord.console.ThreadReplies;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * Members' messages in threads (needs the MESSAGE_CONTENT intent), handed to {@link ThreadReplies} on
 * {@code executor}: the gateway thread only reads the event. The bot's own messages, other bots' and webhooks' are
 * skipped; so is anything outside a thread. The answer is a reaction, and a reply (pinging nobody) when it must say why.
 */
final class JdaThreadListener extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(JdaThreadListener.class);
    private static final long FETCH_SECONDS = 30;

    private final ThreadReplies replies;
    private final Executor executor;

    JdaThreadListener(ThreadReplies replies, Executor executor) {
        this.replies = replies;
        this.executor = executor;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        Member member = event.getMember();
        if (!event.isFromGuild() || !event.getChannelType().isThread() || member == null
                || event.getAuthor().isBot() || event.isWebhookMessage() || message.getType().isSystem()) {
            return;
        }
        ThreadMessageInput input = new ThreadMessageInput(event.getChannel().getId(), message.getId(),
                event.getAuthor().getId(), event.getAuthor().getName(),
                member.getRoles().stream().map(Role::getId).collect(Collectors.toSet()), message.getContentRaw(),
                message.getAttachments().stream().map(JdaThreadListener::attached).toList());
        try {
            executor.execute(() -> answer(message, input));
        } catch (RejectedExecutionException e) {
            LOG.warn("message {} in thread {} not handled: shutting down", input.messageId(), input.threadId());
        }
    }

    /** A file of the message, fetched from Discord's CDN (through JDA) only when it is to be mailed. */
    private static ThreadMessageInput.Attached attached(Message.Attachment a) {
        return new ThreadMessageInput.Attached(a.getFileName(),
                a.getContentType() == null ? "application/octet-stream" : a.getContentType(), a.getSize(), () -> {
            try (java.io.InputStream in = a.getProxy().download().get(FETCH_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                return in.readAllBytes();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.IOException("interrupted while fetching " + a.getFileName(), e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new java.io.IOException("could not fetch " + a.getFileName() + ": " + e, e);
            }
        });
    }

    private void answer(Message message, ThreadMessageInput input) {
        ThreadReplies.Reaction reaction;
        try {
            reaction = replies.handle(input);
        } catch (RuntimeException e) {
            LOG.error("message {} in thread {} by {} failed", input.messageId(), input.threadId(), input.userName(), e);
            reaction = new ThreadReplies.Reaction(java.util.Optional.of(ThreadReplies.REFUSED),
                    java.util.Optional.of("Not sent: something went wrong; an administrator can find it in the logs."));
        }
        reaction.emoji().ifPresent(emoji -> message.addReaction(Emoji.fromUnicode(emoji)).queue(null,
                failure -> LOG.warn("could not react to message {}: {}", input.messageId(), failure.toString())));
        reaction.reply().ifPresent(text -> message.reply(new MessageCreateBuilder().setContent(text)
                .setAllowedMentions(JdaMessages.NO_MENTIONS).mentionRepliedUser(false).build()).queue(null,
                failure -> LOG.warn("could not answer message {}: {}", input.messageId(), failure.toString())));
    }
}
