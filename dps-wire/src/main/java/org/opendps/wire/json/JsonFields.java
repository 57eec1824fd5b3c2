package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsException;

/**
 * One JSON object of a request, read field by field with the field's full path in every error
 * ({@code attestation.x509.clientCertificates.primary}). Absent and {@code null} mean the same: clients differ in
 * whether they leave out unset fields or send them as null. Fields nobody asks for are ignored.
 */
final class JsonFields {
    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonFields root(ObjectNode node) {
        return new JsonFields(node, "");
    }

    /** An element of an array, already checked to be an object, at its path ({@code enrollments[3]}). */
    static JsonFields element(ObjectNode node, String path) {
        return new JsonFields(node, path);
    }

    ObjectNode node() {
        return node;
    }

    /** This object's own path; empty for the body itself. */
    String path() {
        return path;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /** Null when absent. */
    String text(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, "must be a string");
        }
        return value.textValue();
    }

    /** Null when absent or empty: for optional names, where clients send "" to mean unset. */
    String nonEmptyText(String name) {
        String value = text(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String requiredText(String name) {
        String value = nonEmptyText(name);
        if (value == null) {
            throw invalid(name, "required");
        }
        return value;
    }

    boolean bool(String name, boolean absent) {
        JsonNode value = value(name);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw invalid(name, "must be true or false");
        }
        return value.booleanValue();
    }

    /** Null when absent. */
    Integer integer(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(name, "must be an integer");
        }
        return value.intValue();
    }

    /** Null when absent. */
    JsonFields object(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(name, "must be an object");
        }
        return new JsonFields((ObjectNode) value, path(name));
    }

    JsonFields requiredObject(String name) {
        JsonFields value = object(name);
        if (value == null) {
            throw invalid(name, "required");
        }
        return value;
    }

    /** Any JSON object, kept as compact text (a twin collection, a payload); null when absent. */
    JsonText objectText(String name) {
        JsonFields value = object(name);
        return value == null ? null : JsonBodies.toText(value.node);
    }

    /** Empty when absent. */
    List<String> texts(String name) {
        List<String> out = new ArrayList<>();
        JsonNode value = value(name);
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            throw invalid(name, "must be an array");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw invalid(name + "[" + i + "]", "must be a string");
            }
            out.add(value.get(i).textValue());
        }
        return out;
    }

    /** Each element an object, for reading with its own path ({@code enrollments[3]}); empty when absent. */
    List<JsonFields> objects(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(name, "must be an array");
        }
        return JsonBodies.elements(value, path(name));
    }

    List<JsonFields> requiredObjects(String name) {
        if (!has(name)) {
            throw invalid(name, "required");
        }
        return objects(name);
    }

    /** An enum by its wire name (the parser decides about case); null when absent. */
    <E> E enumValue(String name, Function<String, Optional<E>> parse, String allowed) {
        String value = nonEmptyText(name);
        if (value == null) {
            return null;
        }
        return parse.apply(value).orElseThrow(() -> invalid(name, "must be one of " + allowed));
    }

    DpsException invalid(String name, String problem) {
        return DpsException.invalidField(path(name), problem);
    }

    /** A read-only field's text: null when absent or not a string, never an error. */
    static String looseText(ObjectNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** A read-only field's date: null when absent or not a date, never an error. */
    static Instant looseDate(ObjectNode node, String name) {
        String text = looseText(node, name);
        try {
            return text == null ? null : Dates.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private JsonNode value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
