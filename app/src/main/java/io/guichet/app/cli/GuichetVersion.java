package io.guichet.app.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The version printed by {@code guichet --version}: the jar manifest's {@code Implementation-Version}, else the
 * project version written into {@code io/guichet/app/version.properties} at build time, else {@code dev}.
 */
public final class GuichetVersion implements IVersionProvider {

    private static final String RESOURCE = "/io/guichet/app/version.properties";
    private static final String UNKNOWN = "dev";

    @Override
    public String[] getVersion() {
        return new String[] {"guichet " + version()};
    }

    /** The version of this build, or {@code dev} when the build did not record one. */
    public static String version() {
        return Optional.ofNullable(GuichetVersion.class.getPackage().getImplementationVersion())
                .or(GuichetVersion::fromResource)
                .orElse(UNKNOWN);
    }

    private static Optional<String> fromResource() {
        try (InputStream in = GuichetVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"))
                    .map(String::strip)
                    .filter(version -> !version.isEmpty() && !version.startsWith("${"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
