package io.guichet.mail.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret given in a setting, or in a file read each time it is needed (so that a rotated secret is picked up
 * without a restart). Never printed.
 */
public sealed interface Secret {

    /** The secret's text, or why it cannot be had now. */
    sealed interface Revealed {
        record Value(String text) implements Revealed {
            @Override
            public String toString() {
                return "Value[********]";
            }
        }

        record Unreadable(String problem) implements Revealed {
        }
    }

    Revealed reveal();

    /** Empty when the secret can be read now and is not blank, else what is wrong. */
    default Optional<String> problem() {
        return reveal() instanceof Revealed.Unreadable u ? Optional.of(u.problem()) : Optional.empty();
    }

    static Secret of(String text) {
        return new Inline(text);
    }

    static Secret inFile(Path file) {
        return new InFile(file);
    }

    record Inline(String text) implements Secret {
        public Inline {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Revealed reveal() {
            return text.isBlank() ? new Revealed.Unreadable("the secret is empty") : new Revealed.Value(text.strip());
        }

        @Override
        public String toString() {
            return "Secret[********]";
        }
    }

    /** The file's content, surrounding white space (a final newline) removed. */
    record InFile(Path file) implements Secret {
        public InFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Revealed reveal() {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                return text.isEmpty() ? new Revealed.Unreadable("'" + file + "' is empty")
                        : new Revealed.Value(text);
            } catch (NoSuchFileException e) {
                return new Revealed.Unreadable("'" + file + "': no such file");
            } catch (IOException e) {
                return new Revealed.Unreadable("'" + file + "' cannot be read (" + e.getMessage() + ")");
            }
        }

        @Override
        public String toString() {
            return "Secret[in " + file + "]";
        }
    }
}
