package io.guichet.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of the migration scripts this build carries ({@code db/migration/V<version>__<description>.sql} on the
 * class path), listed without starting Flyway: an admin command only needs to know whether the database's schema is
 * the one it works with, and Flyway's scan, checksums and class loading cost more than half a second of a command's
 * start. Flyway remains what migrates and validates ({@link Database#migrate}).
 */
final class MigrationScripts {

    private static final String LOCATION = "db/migration";
    private static final Pattern SCRIPT = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.+\\.sql");

    /** Flyway's order of versions: numerically, part by part ({@code 1.10 > 1.9}); missing parts count as 0. */
    static final Comparator<String> ORDER = (a, b) -> {
        List<BigInteger> x = parts(a);
        List<BigInteger> y = parts(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            int c = (i < x.size() ? x.get(i) : BigInteger.ZERO).compareTo(i < y.size() ? y.get(i) : BigInteger.ZERO);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private MigrationScripts() {
    }

    /** The versions of the scripts found, in Flyway's order (e.g. {@code 1, 2, ..., 16}). */
    static List<String> versions() {
        List<String> versions = new ArrayList<>();
        try {
            ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                    .orElse(MigrationScripts.class.getClassLoader());
            Enumeration<URL> locations = loader.getResources(LOCATION);
            for (URL location : Collections.list(locations)) {
                for (String name : names(location)) {
                    Matcher m = SCRIPT.matcher(name);
                    if (m.matches()) {
                        versions.add(m.group(1).replace('_', '.'));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the migration scripts", e);
        }
        if (versions.isEmpty()) {
            throw new MigrationFailedException("no migration script found at classpath:" + LOCATION, null);
        }
        return versions.stream().distinct().sorted(ORDER).toList();
    }

    /** The latest of {@code versions} (Flyway's order), if any. */
    static Optional<String> latest(List<String> versions) {
        return versions.stream().max(ORDER);
    }

    private static List<String> names(URL location) throws IOException {
        switch (location.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
                    return files.map(p -> p.getFileName().toString()).toList();
                } catch (URISyntaxException e) {
                    throw new IOException("bad location " + location, e);
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) location.openConnection();
                connection.setUseCaches(false);
                List<String> names = new ArrayList<>();
                try (JarFile jar = connection.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0) {
                            names.add(name.substring(LOCATION.length() + 1));
                        }
                    }
                }
                return names;
            }
            default -> throw new IOException("cannot list migration scripts at " + location);
        }
    }

    private static List<BigInteger> parts(String version) {
        return Stream.of(version.split("\\.")).map(BigInteger::new).toList();
    }
}
