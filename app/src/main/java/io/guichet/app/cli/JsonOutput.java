package io.guichet.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --json} form of the list and show commands, written with jackson-core (already on the class path for
 * the mail adapter's token client): one JSON document, an array for a list and an object for a show. Values are built
 * as ordered maps and lists of strings, numbers, booleans and {@code null}; an empty {@link Optional} is written as
 * {@code null}, an {@link Instant} in ISO-8601 UTC ({@code 2026-12-05T07:39:37Z}), a {@link LocalDate} as
 * {@code YYYY-MM-DD}.
 */
public final class JsonOutput {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonOutput() {
    }

    /** Writes {@code value} to {@code out}, indented, followed by a line end. */
    public static void print(PrintWriter out, Object value) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out).useDefaultPrettyPrinter();
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(json, value);
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case Optional<?> optional -> write(json, optional.orElse(null));
            case String text -> json.writeString(text);
            case Boolean bool -> json.writeBoolean(bool);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Instant at -> json.writeString(at.toString());
            case LocalDate day -> json.writeString(day.toString());
            case io.guichet.core.mail.MessageId id -> json.writeString(id.value());
            case Map<?, ?> map -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    json.writeFieldName(String.valueOf(entry.getKey()));
                    write(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case Collection<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    write(json, item);
                }
                json.writeEndArray();
            }
            default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** An ordered JSON object from key, value pairs (values may be null or empty optionals). */
    public static Map<String, Object> object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
