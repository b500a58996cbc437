package io.guichet.app.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README true: its configuration table names every setting, and it names every policy rule. */
class ReadmeTest {

    private static String readme() throws IOException {
        Path here = Path.of("").toAbsolutePath();
        Path readme = Files.exists(here.resolve("README.md")) && Files.exists(here.resolve("app"))
                ? here.resolve("README.md") : here.resolveSibling("README.md");
        return Files.readString(readme);
    }

    @Test
    @DisplayName("R22: the README's configuration table lists every setting with its default")
    void everySettingDocumented() throws IOException {
        String readme = readme();
        assertThat(Arrays.stream(Setting.values()))
                .allSatisfy(s -> assertThat(readme).contains("| `" + s.key() + "` | "
                        + s.defaultValue().map(d -> d.isEmpty() ? "(empty)" : "`" + d + "`").orElse("(none)") + " |"));
    }

    @Test
    @DisplayName("the README maps every policy rule R1-R22 to what enforces it")
    void everyRuleMapped() throws IOException {
        String readme = readme();
        for (int rule = 1; rule <= 22; rule++) {
            assertThat(readme).containsPattern("(?m)^\\| R" + rule + "[ a-g-]");
        }
    }
}
