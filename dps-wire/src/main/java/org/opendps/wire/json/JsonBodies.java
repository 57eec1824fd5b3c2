package org.opendps.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * Turns request bodies into JSON trees under fixed limits, and trees into UTF-8 bytes. Jackson's own exception
 * messages quote the input, so none of them reaches a {@link DpsException}: each failure gets a short message of
 * ours with at most a line and column.
 */
final class JsonBodies {
    static final int MAX_BODY_BYTES = 256 * 1024;
    static final int MAX_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_BODY_BYTES)
                            .maxDocumentLength(MAX_BODY_BYTES)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Twin values pass through as sent: a double would turn 1e400 into Infinity, which is not JSON.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonBodies() {}

    /** The body as a JSON object, or a 400 INVALID_JSON that says what is wrong with it. */
    static ObjectNode parseObject(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw invalid("The body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** The body as any JSON value (an object or an array), under the same limits. */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("The body is empty.");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw invalid("The body is larger than " + MAX_BODY_BYTES / 1024 + " KiB.");
        }
        return parseText(decodeUtf8(body));
    }

    /** A JSON value the service stored as text; it was checked when it came in, so a failure here is a bug. */
    static JsonNode parseStored(JsonText text) {
        try {
            return MAPPER.readTree(text.json());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON text does not parse", e);
        }
    }

    static JsonText toText(JsonNode node) {
        try {
            return new JsonText(MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Every element of an array body, each required to be an object; paths read {@code [3].registrationId}. */
    static List<JsonFields> parseObjects(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isArray()) {
            throw invalid("The body must be a JSON array.");
        }
        return elements(node, "");
    }

    /** Each element of an array, required to be an object, to be read under the path {@code arrayPath[i]}. */
    static List<JsonFields> elements(JsonNode array, String arrayPath) {
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = arrayPath + "[" + i + "]";
            if (!array.get(i).isObject()) {
                throw DpsException.invalidField(path, "must be an object");
            }
            out.add(JsonFields.element((ObjectNode) array.get(i), path));
        }
        return out;
    }

    /** A JSON value from text, or null when the text is not JSON; for values whose form is not ours to vouch for. */
    static JsonNode tryParse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException | NumberFormatException e) {
            return null;
        }
    }

    static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    private static String decodeUtf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            // Some Windows tools prefix a byte order mark; it is not part of the JSON.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw invalid("The body is not valid UTF-8.");
        }
    }

    private static JsonNode parseText(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw invalid("The body is empty.");
            }
            return node;
        } catch (StreamConstraintsException e) {
            String what = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
            if (what.contains("nesting depth")) {
                throw invalid("The body nests deeper than " + MAX_DEPTH + " levels.");
            }
            throw invalid("The body exceeds a size limit" + at(e.getLocation()) + ".");
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                throw invalid("The body has a duplicate field" + at(e.getLocation()) + ".");
            }
            throw invalid("The body is not valid JSON" + at(e.getLocation()) + ".");
        } catch (NumberFormatException e) {
            // Jackson lets this escape for a number no BigDecimal holds, such as 1E99999999999 (found by
            // ServiceBodiesFuzzTest): a 400 like any other unreadable body, not a 500.
            throw invalid("The body has a number out of range.");
        }
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    static DpsException invalid(String message) {
        return new DpsException(DpsError.INVALID_JSON, message);
    }
}
