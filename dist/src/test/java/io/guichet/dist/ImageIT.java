package io.guichet.dist;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The OCI image tarball built by Jib: its configuration (non-root user, data volume, entrypoint), its content (no
 * GreenMail), and its file system run for real: unpacked layer by layer and entered with {@code chroot} as the
 * image's user, it starts its embedded PostgreSQL and migrates it. (Docker does not run here; chroot needs root.)
 */
class ImageIT {

    private static final Path IMAGE = Path.of(System.getProperty("guichet.image", "missing"));
    private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"sha256:([0-9a-f]{64})\"");

    @Test
    @DisplayName("the image runs as a non-root user with the data directory as a volume, and its file system runs Guichet")
    void image() throws Exception {
        assertThat(IMAGE).as("built by ./mvnw package (jib:buildTar)").isRegularFile();
        Path work = Files.createTempDirectory("guichet-image-");
        Path root = work.resolve("root");
        List<Path> mounts = new ArrayList<>();
        try {
            Path layout = Files.createDirectories(work.resolve("layout"));
            assertThat(run(work, List.of("tar", "-xf", IMAGE.toString(), "-C", layout.toString()), Map.of(), 120).exit())
                    .isZero();
            String manifest = blob(layout, digests(Files.readString(layout.resolve("index.json"))).getFirst());
            List<String> digests = digests(manifest);
            String config = blob(layout, digests.getFirst());
            assertThat(config).contains("\"User\":\"10001:10001\"", "\"/var/lib/guichet\":{}",
                    "\"Entrypoint\":[\"/opt/guichet/entrypoint\"]", "\"Cmd\":[\"run\"]", "GUICHET_HTTP_BIND=0.0.0.0",
                    "GUICHET_DATA_DIR=/var/lib/guichet");

            Files.createDirectories(root);
            for (String layer : digests.subList(1, digests.size())) {
                Path file = layout.resolve("blobs/sha256/" + layer);
                assertThat(run(work, List.of("tar", "-xzf", file.toString(), "-C", root.toString()), Map.of(), 120)
                        .exit()).isZero();
            }
            try (Stream<Path> libs = Files.list(root.resolve("app/libs"))) {
                assertThat(libs.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("app-"))
                        .noneMatch(n -> n.startsWith("greenmail"));
            }
            assertThat(root.resolve("opt/java/bin/java")).isExecutable();

            assumeThat(System.getProperty("user.name")).as("chroot and mount need root").isEqualTo("root");
            for (String system : List.of("proc", "dev")) {
                Path target = Files.createDirectories(root.resolve(system));
                assumeThat(run(work, List.of("mount", "--bind", "/" + system, target.toString()), Map.of(), 30).exit())
                        .as("bind mounts are allowed here").isZero();
                mounts.add(target);
            }
            Map<String, String> env = Map.of("PATH", "/opt/java/bin:/bin", "LANG", "C.UTF-8",
                    "GUICHET_DATA_DIR", "/var/lib/guichet");
            Result migrate = run(work, List.of("chroot", "--userspec=10001:10001", root.toString(),
                    "/opt/guichet/entrypoint", "migrate"), env, 180);
            assertThat(migrate.exit()).as(migrate.output()).isZero();
            assertThat(migrate.output()).contains("Schema now at version");
            assertThat(root.resolve("var/lib/guichet/pgdata/guichet-postgres.password")).isRegularFile();

            Result demo = run(work, List.of("chroot", "--userspec=10001:10001", root.toString(),
                    "/opt/guichet/entrypoint", "demo", "--once"), env, 60);
            assertThat(demo.exit()).isEqualTo(1);
            assertThat(demo.output()).contains("no demo mail server").doesNotContain("Exception");
        } finally {
            for (Path mount : mounts.reversed()) {
                run(work, List.of("umount", mount.toString()), Map.of(), 30);
            }
            // never walk into a bind mount of /proc or /dev: delete only when nothing is mounted under work
            if (!Files.readString(Path.of("/proc/self/mountinfo")).contains(work.toString())) {
                deleteQuietly(work);
            }
        }
    }

    private static List<String> digests(String json) {
        List<String> digests = new ArrayList<>();
        Matcher m = DIGEST.matcher(json);
        while (m.find()) {
            digests.add(m.group(1));
        }
        return digests;
    }

    private static String blob(Path layout, String digest) throws IOException {
        return Files.readString(layout.resolve("blobs/sha256/" + digest));
    }

    private static Result run(Path directory, List<String> command, Map<String, String> env, int timeoutSeconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().putAll(env);
        Path output = Files.createTempFile("guichet-image-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    private record Result(int exit, String output) {
    }
}
