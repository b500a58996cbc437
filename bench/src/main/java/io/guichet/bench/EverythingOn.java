package io.guichet.bench;

import io.guichet.discord.standin.DiscordStandIn;
import io.guichet.discord.standin.StandInWorld;

import javax.management.ObjectName;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench ingest --everything}: the node with every part on while it ingests, to measure its memory as a
 * production node runs: the Discord console and ticket threads connected to the Discord stand-in (technicians list the
 * queue twice a second), three mailboxes (the support one the backlog is in, and two more, idle), and the customers'
 * web pages served (the knowledge base read ten times a second). The stand-in, GreenMail and the bench's own data are
 * in the bench's JVM: with the node in it too, they are counted in its resident memory; with {@code --node-process}
 * the node's own is measured apart.
 */
final class EverythingOn implements AutoCloseable {

    private final DiscordStandIn discord;
    private final int webPort;
    private final Map<String, String> settings = new HashMap<>();
    private final ScheduledExecutorService load = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-everything-load");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger pageFailures = new AtomicInteger();
    private final AtomicInteger interactions = new AtomicInteger();
    private final AtomicInteger interactionFailures = new AtomicInteger();

    private EverythingOn(DiscordStandIn discord, int webPort) {
        this.discord = discord;
        this.webPort = webPort;
    }

    /** Starts the stand-in and adds the two other mailboxes to {@code mail} (in-process GreenMail only). */
    static EverythingOn start(MailWorld mail) throws IOException {
        if (!mail.isGreenMail()) {
            throw new IllegalStateException("--everything adds two mailboxes to the in-process GreenMail: "
                    + "run it without --imap-host");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EverythingOn on = new EverythingOn(DiscordStandIn.start(), port);
        StandInWorld world = on.discord.world();
        on.settings.put("GUICHET_DISCORD_TOKEN", world.token());
        on.settings.put("GUICHET_DISCORD_GUILD_ID", world.guildId());
        on.settings.put("GUICHET_DISCORD_STAFF_CHANNEL_ID", StandInWorld.EXAMPLE_STAFF_CHANNEL);
        on.settings.put("GUICHET_DISCORD_THREAD_CHANNEL_ID", StandInWorld.EXAMPLE_STAFF_CHANNEL);
        on.settings.put("GUICHET_DISCORD_TECHNICIAN_ROLE_ID", StandInWorld.EXAMPLE_TECHNICIAN_ROLE);
        on.settings.put("GUICHET_DISCORD_MANAGER_ROLE_ID", StandInWorld.EXAMPLE_MANAGER_ROLE);
        on.settings.put("GUICHET_DISCORD_API_URL", on.discord.apiUrl());
        on.settings.put("GUICHET_DISCORD_GATEWAY_URL", on.discord.gatewayUrl());
        on.settings.put("GUICHET_WEB_PORT", Integer.toString(port));
        BenchNode.MailEndpoints support = mail.endpoints();
        mailbox(on.settings, "A", support.supportAddress(), support.supportUser(), support.supportPassword());
        for (String name : new String[] {"B", "C"}) {
            String address = "support-" + name.toLowerCase(java.util.Locale.ROOT) + "@guichet.bench";
            mail.addUser(address, address, "support");
            mailbox(on.settings, name, address, address, "support");
        }
        return on;
    }

    private static void mailbox(Map<String, String> settings, String name, String from, String user, String password) {
        settings.put("GUICHET_MAILBOX_" + name + "_IMAP_USER", user);
        settings.put("GUICHET_MAILBOX_" + name + "_IMAP_PASSWORD", password);
        settings.put("GUICHET_MAILBOX_" + name + "_FROM", from);
    }

    /** The node's settings for all of it, on top of the mail settings. */
    Map<String, String> settings() {
        return Map.copyOf(settings);
    }

    String describe() {
        return "everything on: Discord stand-in " + discord.apiUrl() + " (console and ticket threads), mailboxes A "
                + "(the backlog), B and C (idle), web pages on port " + webPort;
    }

    /** Once the node is started: technicians list the queue, customers read the knowledge base, while it ingests. */
    void startLoad() {
        load.scheduleAtFixedRate(() -> {
            try {
                if (discord.botConnected()) {
                    discord.slash("max", "queue", Map.of());
                    interactions.incrementAndGet();
                }
            } catch (RuntimeException e) {
                interactionFailures.incrementAndGet();
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
        load.scheduleAtFixedRate(this::readPage, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void readPage() {
        int n = pages.get() + pageFailures.get();
        String path = n % 2 == 0 ? "/kb?q=agents+offline" : "/kb";
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            (response.statusCode() == 200 ? pages : pageFailures).incrementAndGet();
        } catch (IOException e) {
            pageFailures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What ran beside the ingest, the resident memory now and, when tracking is on, the JVM's native memory. */
    void report(PrintWriter out, boolean nodeElsewhere) {
        out.printf("everything: gateway connected=%s, slash commands sent=%d (not sent %d), Discord calls recorded=%d, "
                        + "threads opened=%d, web pages read=%d (failed %d)%n", discord.botConnected(), interactions.get(), interactionFailures.get(),
                discord.calls().size(), discord.threads().size(), pages.get(), pageFailures.get());
        if (nodeElsewhere) {
            out.printf("bench process (GreenMail, the stand-in, the bench's data; not the node): resident memory now %s, "
                    + "peak %d MB%n", status("VmRSS:"), Machine.peakRssMb());
            return;
        }
        out.printf("resident memory now %s, peak %d MB%n", status("VmRSS:"), Machine.peakRssMb());
        nativeMemory(out);
        out.flush();
    }

    private static String status(String key) {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** {@code VM.native_memory summary}, as jcmd prints it, when the JVM runs with -XX:NativeMemoryTracking. */
    private static void nativeMemory(PrintWriter out) {
        boolean tracking = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:NativeMemoryTracking=") && !a.endsWith("=off"));
        if (!tracking) {
            out.println("native memory: not tracked (add -XX:NativeMemoryTracking=summary to GUICHET_JAVA_OPTS)");
            return;
        }
        try {
            String summary = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary", "scale=MB"}}, new String[] {String[].class.getName()});
            out.println("native memory (committed, MB):");
            summary.lines().filter(l -> l.startsWith("Total:") || l.strip().startsWith("-"))
                    .filter(l -> l.contains("committed="))
                    .forEach(l -> out.println("  " + l.strip()));
        } catch (Exception e) {
            out.println("native memory: not read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        load.shutdownNow();
        discord.close();
    }
}
