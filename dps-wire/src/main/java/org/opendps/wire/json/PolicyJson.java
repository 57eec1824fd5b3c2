package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;

/**
 * Shared access policies as ARM shows them ({@code SharedAccessSignatureAuthorizationRule}):
 * {@code {"keyName", "primaryKey", "secondaryKey", "rights": "ServiceConfig, EnrollmentRead"}}, and lists as ARM
 * lists them, {@code {"value": [...]}}. Only ServiceConfig may read policies, so the keys are always written.
 */
public final class PolicyJson {
    private static final String RIGHTS = AccessRight.format(AccessRight.all());
    /** A wrong right is quoted back only when it cannot carry anything surprising into a message or a log. */
    private static final Pattern QUOTABLE = Pattern.compile("[A-Za-z]{1,40}");

    private PolicyJson() {}

    /** Keys absent or empty come back as "": the core generates them on create and keeps them on update. */
    public static SharedAccessPolicy read(byte[] body) {
        return read(JsonFields.root(JsonBodies.parseObject(body)));
    }

    public static byte[] write(SharedAccessPolicy policy) {
        return JsonBodies.toBytes(node(policy));
    }

    public static byte[] writeList(List<SharedAccessPolicy> policies) {
        ObjectNode node = JsonBodies.object();
        ArrayNode value = node.putArray("value");
        policies.forEach(policy -> value.add(node(policy)));
        return JsonBodies.toBytes(node);
    }

    /** Takes {@code {"value": [...]}} or a bare array. */
    public static List<SharedAccessPolicy> readList(byte[] body) {
        JsonNode node = JsonBodies.parse(body);
        List<JsonFields> items;
        if (node.isArray()) {
            items = JsonBodies.elements(node, "");
        } else if (node.isObject()) {
            items = JsonFields.root((ObjectNode) node).requiredObjects("value");
        } else {
            throw JsonBodies.invalid("The body must be a JSON object or array.");
        }
        return items.stream().map(PolicyJson::read).toList();
    }

    private static ObjectNode node(SharedAccessPolicy policy) {
        ObjectNode node = JsonBodies.object();
        node.put("keyName", policy.keyName());
        node.put("primaryKey", policy.primaryKey());
        node.put("secondaryKey", policy.secondaryKey());
        node.put("rights", AccessRight.format(policy.rights()));
        return node;
    }

    private static SharedAccessPolicy read(JsonFields body) {
        return new SharedAccessPolicy(
                body.requiredText("keyName"),
                orEmpty(body.text("primaryKey")),
                orEmpty(body.text("secondaryKey")),
                rights(body));
    }

    /** ARM's comma-separated string, or an array of names; absent means none, which the core refuses. */
    private static Set<AccessRight> rights(JsonFields body) {
        List<String> names = new ArrayList<>();
        JsonNode value = body.node().get("rights");
        if (value != null && value.isArray()) {
            names.addAll(body.texts("rights"));
        } else if (body.has("rights")) {
            for (String name : body.text("rights").split(",")) {
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        Set<AccessRight> rights = EnumSet.noneOf(AccessRight.class);
        for (String name : names) {
            rights.add(AccessRight.fromWireName(name).orElseThrow(() -> body.invalid("rights",
                    (QUOTABLE.matcher(name).matches() ? "unknown right '" + name + "'" : "an unknown right")
                            + "; rights are " + RIGHTS)));
        }
        return rights;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
