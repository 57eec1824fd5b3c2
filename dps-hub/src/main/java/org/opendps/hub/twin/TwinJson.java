package org.opendps.hub.twin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** The one JSON mapper of the twin code, and the parsing that turns bad input into 400s. */
final class TwinJson {
    /** Far above any valid twin (72 KB of content, plus metadata when a client sends a read twin back). */
    static final int MAX_INPUT_CHARS = 4 * 1024 * 1024;
    /** Deeper than any valid twin (depth 10 below a section) with room to report the depth rule by key path. */
    static final int MAX_PARSE_DEPTH = 64;

    static final String METADATA = "$metadata";
    static final String VERSION = "$version";
    static final String LAST_UPDATED = "$lastUpdated";
    static final String LAST_UPDATED_VERSION = "$lastUpdatedVersion";

    /** Azure's timestamp form, seven fraction digits; every SDK parses it (Java's parser keeps the first three). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_PARSE_DEPTH)
                            .maxDocumentLength(MAX_INPUT_CHARS)
                            .build())
                    .build())
            // Values stay as written: no double rounding, no lost trailing zeros, no silently merged duplicates.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TwinJson() {}

    /** A client's JSON object; 400 when it is not JSON or not an object. The message never quotes the input. */
    static ObjectNode parseObject(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new DpsException(DpsError.INVALID_JSON, "The " + what + " is empty.");
        }
        if (json.length() > MAX_INPUT_CHARS) {
            throw new DpsException(DpsError.INVALID_JSON, "The " + what + " is longer than " + MAX_INPUT_CHARS
                    + " characters.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DpsException(DpsError.INVALID_JSON, "The " + what + " is not valid JSON"
                    + (e.getLocation() == null ? "." : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")."));
        }
        if (node == null || !node.isObject()) {
            throw new DpsException(DpsError.INVALID_JSON, "The " + what + " is not a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** A section as this code stored it; a failure here is a bug or a damaged database, not a client's mistake. */
    static ObjectNode parseStored(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A stored twin section is not a JSON object", e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
