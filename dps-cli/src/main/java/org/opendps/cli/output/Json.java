package org.opendps.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;

/**
 * JSON handled as JSON, never as a shape: pretty-printing what the server sent, splitting an array into its items
 * and putting one answer inside another. What the shapes mean is {@code dps-wire}'s business.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Numbers pass through as the server wrote them: 1.50 stays 1.50, 1e400 does not become Infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Json() {}

    public static String pretty(byte[] json) {
        return write(parse(json));
    }

    /** The items of a JSON array, each as its own document. */
    public static List<byte[]> elements(byte[] array) {
        JsonNode node = parse(array);
        if (!node.isArray()) {
            throw new CliException(ExitCode.SERVER, "the server answered a query with something other than a list");
        }
        List<byte[]> items = new ArrayList<>();
        node.forEach(item -> items.add(bytes(item)));
        return items;
    }

    /** The documents as one pretty-printed array. */
    public static String prettyArray(List<byte[]> items) {
        ArrayNode array = MAPPER.createArrayNode();
        items.forEach(item -> array.add(parse(item)));
        return write(array);
    }

    /** {@code document} with {@code field} replaced by (or set to) {@code value}, both JSON. */
    public static byte[] withField(byte[] document, String field, byte[] value) {
        JsonNode node = parse(document);
        if (!node.isObject()) {
            throw new CliException(ExitCode.SERVER, "the server's answer is not a JSON object");
        }
        ((ObjectNode) node).set(field, parse(value));
        return bytes(node);
    }

    /** A field of a JSON object as its own document; null when the field is absent or null. */
    public static byte[] field(byte[] document, String field) {
        JsonNode value = parse(document).get(field);
        return value == null || value.isNull() ? null : bytes(value);
    }

    /** An object of string fields, in order: for results the CLI makes itself (key derive). */
    public static String prettyObject(Map<String, String> fields) {
        ObjectNode node = MAPPER.createObjectNode();
        fields.forEach(node::put);
        return write(node);
    }

    /** Whether the text is a JSON object (an initial twin); the message says what is wrong with it. */
    public static String objectProblem(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node != null && node.isObject() ? null : "not a JSON object";
        } catch (JsonProcessingException e) {
            return "not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
        }
    }

    /** Compact text of a JSON value, for one line of text output. */
    public static String compact(String json) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new CliException(ExitCode.SERVER, "the server answered with an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new CliException(ExitCode.SERVER, "the server's answer is not valid JSON");
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
