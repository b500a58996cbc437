package io.guichet.mail.oauth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The flat JSON objects of OAuth2: token responses, service account key files, JWT headers and claims. Only the
 * top-level fields with a string, number or boolean value are read; nested values are skipped.
 */
final class JsonFields {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Map<String, Object> fields;

    private JsonFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Reads one JSON object; anything else (an array, a truncated or malformed text) is an IOException. */
    static JsonFields read(String json) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    throw new IOException("malformed JSON object");
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (value) {
                    case VALUE_STRING -> fields.put(name, parser.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> fields.put(name, parser.getNumberValue());
                    case VALUE_TRUE, VALUE_FALSE -> fields.put(name, parser.getBooleanValue());
                    case START_OBJECT, START_ARRAY -> parser.skipChildren();
                    case null -> throw new IOException("truncated JSON object");
                    default -> {
                        // null: absent
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new IOException("text after the JSON object");
            }
        }
        return new JsonFields(fields);
    }

    /** A string field (a number is given as its text: some endpoints send {@code "expires_in": "3599"}). */
    Optional<String> text(String name) {
        Object v = fields.get(name);
        return v instanceof String || v instanceof Number ? Optional.of(v.toString()) : Optional.empty();
    }

    /** A whole-number field, given as a number or as a string of digits. */
    Optional<Long> number(String name) {
        Object v = fields.get(name);
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (v instanceof String s && s.strip().matches("\\d{1,18}")) {
            return Optional.of(Long.parseLong(s.strip()));
        }
        return Optional.empty();
    }

    /** Writes a flat object of strings and numbers, in the map's order. */
    static String write(Map<String, Object> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                switch (field.getValue()) {
                    case Long n -> generator.writeNumberField(field.getKey(), n);
                    case Integer n -> generator.writeNumberField(field.getKey(), n);
                    case Object other -> generator.writeStringField(field.getKey(), other.toString());
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string failed", e);
        }
        return out.toString();
    }
}
