package io.guichet.discord;

import io.guichet.core.desk.Desks;
import io.guichet.discord.console.Console;
import io.guichet.discord.console.ThreadReplies;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Discord side of Guichet: the technician console and the staff channel. Wiring: create it, give
 * {@link #staffChannel()} to the staff outbox's dispatcher, then {@link #start(Desks)}. With no token configured it
 * stays off and says so.
 */
public final class DiscordAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordAdapter.class);
    private static final int WORKERS = 4;

    private final DiscordSettings settings;
    private final JdaStaffChannel staffChannel;
    private JDA jda;
    private ExecutorService workers;

    public DiscordAdapter(DiscordSettings settings) {
        this.settings = settings;
        this.staffChannel = new JdaStaffChannel(settings.staffChannelId(), settings.threadChannelId(),
                settings.logChannelId());
    }

    /** Delivers staff notices to the staff channel once the adapter is connected. */
    public JdaStaffChannel staffChannel() {
        return staffChannel;
    }

    /** Connects and registers the commands for the configured guild; false (and a log line) when there is no token. */
    public synchronized boolean start(Desks desks) {
        if (settings.token().isEmpty()) {
            LOG.info("Discord adapter off: no bot token configured (technicians have no console; staff notices are only logged)");
            return false;
        }
        if (jda != null) {
            return true;
        }
        MessageRequest.setDefaultMentions(JdaMessages.NO_MENTIONS);
        workers = Executors.newFixedThreadPool(WORKERS, named());
        Console console = new Console(desks, settings.roles());
        JDABuilder builder = JDABuilder.createLight(settings.token().get())
                .addEventListeners(new JdaConsoleListener(console, workers), new CommandRegistration(settings.guildId()));
        if (settings.threadChannelId().isPresent()) {
            // technicians answer by writing in a ticket's thread: the bot must read messages' content
            builder.enableIntents(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT)
                    .addEventListeners(new JdaThreadListener(new ThreadReplies(desks, settings.roles()), workers));
        }
        settings.apiUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
        settings.gatewayUrl().ifPresent(url -> builder.setSessionController(new GatewayAt(url)));
        jda = builder.build();
        staffChannel.attach(jda, desks.threads());
        LOG.info("Discord adapter starting for guild {}, staff channel {}, {}{}", settings.guildId(),
                settings.staffChannelId(), settings.threadChannelId().map(c -> "ticket threads in " + c)
                        .orElse("no ticket threads"), settings.apiUrl().isPresent() || settings.gatewayUrl().isPresent()
                        ? " (API " + settings.apiUrl().orElse("Discord's") + ", gateway "
                        + settings.gatewayUrl().orElse("Discord's") + ")" : "");
        return true;
    }

    /** The gateway's state for readiness checks: off, or JDA's status and the last heartbeat round trip. */
    public synchronized GatewayState gateway() {
        if (jda == null) {
            return new GatewayState(false, "off", -1);
        }
        return new GatewayState(jda.getStatus() == JDA.Status.CONNECTED, jda.getStatus().name(), jda.getGatewayPing());
    }

    /** The Discord gateway as a readiness check sees it. */
    public record GatewayState(boolean connected, String status, long pingMillis) {
    }

    public synchronized void stop() {
        if (jda == null) {
            return;
        }
        staffChannel.detach();
        jda.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
            if (!jda.awaitShutdown(Duration.ofSeconds(10))) {
                jda.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jda.shutdownNow();
        }
        jda = null;
        LOG.info("Discord adapter stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "guichet-discord-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * A gateway other than Discord's (a proxy, a stand-in). A single JDA asks its session controller for the address,
     * never {@code /gateway/bot}; after READY it resumes at the {@code resume_gateway_url} the gateway gave.
     */
    private static final class GatewayAt extends SessionControllerAdapter {

        private final String url;

        GatewayAt(String url) {
            this.url = url;
        }

        @Override
        public String getGateway() {
            return url;
        }
    }

    /** Registers the catalogue for the configured guild once connected (asynchronously, off the caller's thread). */
    private static final class CommandRegistration extends ListenerAdapter {

        private final String guildId;

        CommandRegistration(String guildId) {
            this.guildId = guildId;
        }

        @Override
        public void onReady(ReadyEvent event) {
            Guild guild = event.getJDA().getGuildById(guildId);
            if (guild == null) {
                LOG.error("Discord guild {} not found: invite the bot to it; no commands registered", guildId);
                return;
            }
            guild.updateCommands().addCommands(CommandCatalog.commands()).queue(
                    commands -> LOG.info("{} Discord commands registered for guild {}", commands.size(), guild.getName()),
                    failure -> LOG.error("could not register Discord commands for guild {}: {}", guildId,
                            failure.toString()));
        }
    }
}
