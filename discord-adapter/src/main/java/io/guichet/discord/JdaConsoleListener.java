package io.guichet.discord;

import io.guichet.discord.console.Answer;
import io.guichet.discord.console.AutocompleteInput;
import io.guichet.discord.console.ButtonAction;
import io.guichet.discord.console.ButtonInput;
import io.guichet.discord.console.Choice;
import io.guichet.discord.console.Console;
import io.guichet.discord.console.DiscordText;
import io.guichet.discord.console.SlashInput;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.modals.Modal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns JDA interaction events into the console's plain inputs. On the gateway thread it only reads the event and
 * acknowledges it (deferred, so Discord's 3-second limit is always met); the console runs on {@code executor}, and
 * its answer is sent with no allowed mentions. Nothing here blocks ({@code queue()}, never {@code complete()}).
 */
public final class JdaConsoleListener extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(JdaConsoleListener.class);

    /** The reply form's id: this prefix and the ticket as typed. */
    static final String REPLY_FORM = "reply-form:";
    /** The saved-reply form's id: this prefix and the name as typed. */
    static final String SNIPPET_FORM = "snippet-form:";

    private final Console console;
    private final Executor executor;

    public JdaConsoleListener(Console console, Executor executor) {
        this.console = console;
        this.executor = executor;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Member member = event.getMember();
        if (member == null) {
            event.reply("Guichet's commands work in the support server only.").setEphemeral(true).queue();
            return;
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, SlashInput.Member> members = new LinkedHashMap<>();
        for (OptionMapping option : event.getOptions()) {
            options.put(option.getName(), option.getAsString());
            if (option.getType() == net.dv8tion.jda.api.interactions.commands.OptionType.USER
                    && option.getAsMember() != null) {
                Member named = option.getAsMember();
                members.put(option.getName(), new SlashInput.Member(named.getId(), named.getUser().getName(),
                        roleIds(named)));
            }
        }
        if (event.getFullCommandName().equals("ticket reply") && !options.containsKey("text")
                && !options.containsKey("snippet")) {
            // no text: a form with a multi-line field, answered at once (a modal cannot follow a deferral)
            event.replyModal(replyForm(options.getOrDefault("ticket", ""))).queue(null,
                    failure -> LOG.warn("could not open the reply form: {}", failure.toString()));
            return;
        }
        if (event.getFullCommandName().equals("snippet add") && !options.containsKey("text")) {
            // no text: the saved reply is written in a form with a multi-line field (the role is checked on submit)
            event.replyModal(snippetForm(options.getOrDefault("name", ""))).queue(null,
                    failure -> LOG.warn("could not open the saved-reply form: {}", failure.toString()));
            return;
        }
        SlashInput input = new SlashInput(event.getUser().getId(), event.getUser().getName(), roleIds(member),
                event.getFullCommandName(), options, members);
        event.deferReply(true).queue(null, failure -> LOG.warn("could not acknowledge /{}: {}", input.commandPath(),
                failure.toString()));
        answerLater(event.getHook(), () -> console.handle(input));
    }

    /**
     * A form submitted: the reply form is the same console command as {@code /ticket reply} with its text, the
     * saved-reply form the same as {@code /snippet add} with its text.
     */
    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Member member = event.getMember();
        String id = event.getModalId();
        if (member == null || !(id.startsWith(REPLY_FORM) || id.startsWith(SNIPPET_FORM))) {
            event.reply("This form is no longer understood: run the command again.").setEphemeral(true).queue();
            return;
        }
        ModalMapping mapping = event.getValue("text");
        String text = mapping == null ? "" : mapping.getAsString();
        SlashInput input = id.startsWith(REPLY_FORM)
                ? new SlashInput(event.getUser().getId(), event.getUser().getName(), roleIds(member),
                        "ticket reply", Map.of("ticket", id.substring(REPLY_FORM.length()), "text", text))
                : new SlashInput(event.getUser().getId(), event.getUser().getName(), roleIds(member),
                        "snippet add", Map.of("name", id.substring(SNIPPET_FORM.length()), "text", text,
                        io.guichet.discord.console.SlashInput.FROM_FORM, "yes"));
        event.deferReply(true).queue(null, failure -> LOG.warn("could not acknowledge the reply form: {}",
                failure.toString()));
        answerLater(event.getHook(), () -> console.handle(input));
    }

    private static Modal replyForm(String ticket) {
        String shown = ticket.isBlank() ? "a ticket" : (ticket.startsWith("#") ? ticket : "#" + ticket);
        return Modal.create(REPLY_FORM + ticket.strip(), DiscordText.cut("Reply to " + shown, 45))
                .addComponents(Label.of("What the customer reads", TextInput.create("text", TextInputStyle.PARAGRAPH)
                        .setRequiredRange(1, 4000).build()))
                .build();
    }

    private static Modal snippetForm(String name) {
        String key = DiscordText.cut(name.strip(), 80);
        return Modal.create(SNIPPET_FORM + key, DiscordText.cut("Saved reply " + (key.isEmpty() ? "" : "'" + key + "'"), 45))
                .addComponents(Label.of("What the customer reads", TextInput.create("text", TextInputStyle.PARAGRAPH)
                        .setRequiredRange(1, io.guichet.core.snippet.Snippet.TEXT_MAX).build()))
                .build();
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Member member = event.getMember();
        String id = event.getComponentId();
        if (member == null) {
            event.reply("Guichet's buttons work in the support server only.").setEphemeral(true).queue();
            return;
        }
        ButtonInput input = new ButtonInput(event.getUser().getId(), event.getUser().getName(), roleIds(member), id);
        boolean inPlace = ButtonAction.pagesInPlace(id);
        if (inPlace) {
            event.deferEdit().queue(null, failure -> LOG.warn("could not acknowledge button {}: {}", id, failure.toString()));
        } else {
            event.deferReply(true).queue(null, failure -> LOG.warn("could not acknowledge button {}: {}", id,
                    failure.toString()));
        }
        answerLater(event.getHook(), () -> console.handle(input));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        Member member = event.getMember();
        if (member == null) {
            event.replyChoices(List.of()).queue();
            return;
        }
        AutocompleteInput input = new AutocompleteInput(event.getUser().getId(), event.getUser().getName(),
                roleIds(member), event.getFullCommandName(), event.getFocusedOption().getName(),
                event.getFocusedOption().getValue());
        try {
            executor.execute(() -> {
                List<Command.Choice> choices = console.complete(input).stream()
                        .map((Choice c) -> new Command.Choice(c.name(), c.value())).toList();
                event.replyChoices(choices).queue(null, failure -> LOG.debug("autocomplete answer dropped: {}",
                        failure.toString()));
            });
        } catch (RejectedExecutionException e) {
            event.replyChoices(List.of()).queue();
        }
    }

    private void answerLater(InteractionHook hook, Supplier<Answer> work) {
        try {
            executor.execute(() -> send(hook, work.get()));
        } catch (RejectedExecutionException e) {
            send(hook, Answer.text("Guichet is shutting down; try again in a minute."));
        }
    }

    private static void send(InteractionHook hook, Answer answer) {
        hook.editOriginal(JdaMessages.edit(answer)).queue(null,
                failure -> LOG.warn("could not deliver an answer to {}: {}", hook.getInteraction().getUser().getName(),
                        failure.toString()));
    }

    private static Set<String> roleIds(Member member) {
        return member.getRoles().stream().map(Role::getId).collect(Collectors.toSet());
    }
}
