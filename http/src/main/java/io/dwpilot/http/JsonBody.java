package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.entity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * A request's JSON body, read strictly: one JSON object and nothing after it, no key twice, whole numbers where the
 * API counts, strings without NUL and within a length. Every problem is an {@link IllegalArgumentException} whose
 * message names the body or the field (a 400), quoting at most a short prefix of what was sent. A field that is
 * {@code null} counts as absent.
 */
final class JsonBody {
    private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /**
     * Reads a JSON body of type application/json (others get a 415) and hands it to {@code inner}; a body or field
     * {@code inner} finds wrong is answered with a 400 naming it.
     */
    static Route required(String example, Function<JsonBody, Route> inner) {
        return entity(
                Unmarshaller.forMediaType(MediaTypes.APPLICATION_JSON, Unmarshaller.entityToByteString()),
                bytes -> answered(() -> inner.apply(read(bytes.toArray(), example))));
    }

    /** The same for a body that may also be empty (then an object without fields), of any content type. */
    static Route optional(String example, Function<JsonBody, Route> inner) {
        return entity(
                Unmarshaller.entityToByteString(),
                bytes -> answered(() -> {
                    byte[] body = bytes.toArray();
                    return inner.apply(
                            isBlank(body) ? new JsonBody(Json.MAPPER.createObjectNode()) : read(body, example));
                }));
    }

    /** @param example a valid body, for the message when this one is no JSON object */
    static JsonBody read(byte[] body, String example) {
        if (isBlank(body)) {
            throw new IllegalArgumentException("The body is empty: send a JSON object like " + example);
        }
        JsonNode json;
        try (JsonParser parser = STRICT.createParser(body)) {
            json = STRICT.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("The body holds more after its JSON value, at line "
                        + parser.currentLocation().getLineNr() + ", column "
                        + parser.currentLocation().getColumnNr() + ": send one JSON object like " + example);
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw new IllegalArgumentException(
                    "The body is not valid JSON" + where + ": " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new IllegalArgumentException("The body could not be read: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object like " + example + ", got "
                    + (json == null ? "nothing" : json.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return new JsonBody((ObjectNode) json);
    }

    /** @throws IllegalArgumentException for a field not among {@code fields} */
    JsonBody only(Set<String> fields) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException(
                        "The body has an unknown field " + Quoted.prefix(name) + "; it takes "
                                + String.join(", ", fields.stream().sorted().toList()));
            }
        }
        return this;
    }

    Optional<String> text(String field, int maxLength) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(checked(field, value, maxLength));
    }

    /** A string field as it was sent, unchecked: for logging what was refused. */
    Optional<String> asSent(String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    String requiredText(String field, int maxLength) {
        return text(field, maxLength)
                .filter(s -> !s.isBlank())
                .orElseThrow(() -> new IllegalArgumentException(field + " is required: a non-empty string"));
    }

    OptionalInt integer(String field, int min, int max) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return OptionalInt.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max + ", got "
                    + Quoted.prefix(value.toString()));
        }
        return OptionalInt.of(value.asInt());
    }

    Optional<List<String>> texts(String field, int maxLength) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of strings, got " + type(value));
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(checked(field, item, maxLength)));
        return Optional.of(texts);
    }

    private static String checked(String field, JsonNode value, int maxLength) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string, got " + type(value));
        }
        String text = PostgresRange.withoutNul(field, value.asText());
        if (text.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxLength + " characters, got " + text.length());
        }
        return text;
    }

    private static String type(JsonNode value) {
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + Quoted.prefix(value.toString());
    }

    /** Jackson's words without its advice on its own settings. */
    private static String plain(String message) {
        int advice = message.indexOf(": enable `");
        return Quoted.atMost(advice < 0 ? message : message.substring(0, advice), 200);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static Route answered(Supplier<Route> route) {
        try {
            return route.get();
        } catch (IllegalArgumentException e) {
            return complete(ApiErrors.badRequest(e.getMessage()));
        }
    }
}
