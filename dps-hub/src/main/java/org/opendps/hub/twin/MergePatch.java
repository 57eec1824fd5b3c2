package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON merge patches (RFC 7396), the way twins change: a member set to null deletes the key, an object merges
 * into an object, anything else (arrays included) replaces what was there.
 */
final class MergePatch {
    private MergePatch() {}

    /** A new object: {@code target} with {@code patch} applied; neither argument is changed. */
    static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            JsonNode value = member.getValue();
            if (value.isNull()) {
                result.remove(member.getKey());
            } else if (value.isObject()) {
                JsonNode existing = result.get(member.getKey());
                ObjectNode base = existing != null && existing.isObject() ? (ObjectNode) existing : TwinJson.object();
                result.set(member.getKey(), apply(base, (ObjectNode) value));
            } else {
                result.set(member.getKey(), value.deepCopy());
            }
        }
        return result;
    }

    /** The smallest patch that turns {@code from} into {@code to}: what a replace tells a device changed. */
    static ObjectNode diff(ObjectNode from, ObjectNode to) {
        ObjectNode patch = TwinJson.object();
        for (Map.Entry<String, JsonNode> member : from.properties()) {
            if (!to.has(member.getKey())) {
                patch.putNull(member.getKey());
            }
        }
        for (Map.Entry<String, JsonNode> member : to.properties()) {
            JsonNode old = from.get(member.getKey());
            JsonNode now = member.getValue();
            if (old != null && old.equals(now)) {
                continue;
            }
            patch.set(member.getKey(), old != null && old.isObject() && now.isObject()
                    ? diff((ObjectNode) old, (ObjectNode) now) : now.deepCopy());
        }
        return patch;
    }
}
