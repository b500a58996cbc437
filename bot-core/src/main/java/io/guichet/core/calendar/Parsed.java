package io.guichet.core.calendar;

import java.util.Objects;
import java.util.function.Function;

/**
 * The result of parsing a setting (policy R22: hours and holidays are configuration). Bad input is an expected
 * failure, so it is a value: {@link Invalid} carries a message that names the bad piece and what is accepted,
 * fit to show to whoever edits the configuration.
 *
 * @param <T> the parsed value
 */
public sealed interface Parsed<T> {

    /** The input was valid. */
    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The input was refused; {@code message} says what is wrong and what is accepted. */
    record Invalid<T>(String message) implements Parsed<T> {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Transforms a valid value; an invalid result stays invalid with the same message. */
    default <R> Parsed<R> map(Function<? super T, ? extends R> mapper) {
        return switch (this) {
            case Ok<T>(T value) -> new Ok<>(mapper.apply(value));
            case Invalid<T>(String message) -> new Invalid<>(message);
        };
    }

    /**
     * The value, for callers that cannot go on without it (loading configuration at start-up).
     *
     * @throws IllegalArgumentException with the message of an {@link Invalid} result
     */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T>(T value) -> value;
            case Invalid<T>(String message) -> throw new IllegalArgumentException(message);
        };
    }
}
