package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opendps.core.audit.AuditEntry;
import org.opendps.core.audit.AuditEvent;

/**
 * The audit log (an OpenDPS extension, {@code GET /auditLog}), newest first, as ARM lists things:
 * {@code {"value": [{"sequence", "time", "actor", "operation", "resource", "status", "errorCode"?}]}}. A next page
 * is asked for with {@code ?before=} the last sequence of this one.
 */
public final class AuditJson {
    private AuditJson() {}

    public static byte[] writeList(List<AuditEntry> entries) {
        ObjectNode node = JsonBodies.object();
        ArrayNode value = node.putArray("value");
        entries.forEach(entry -> value.add(node(entry)));
        return JsonBodies.toBytes(node);
    }

    public static List<AuditEntry> readList(byte[] body) {
        return JsonFields.root(JsonBodies.parseObject(body)).requiredObjects("value").stream()
                .map(AuditJson::read).toList();
    }

    private static ObjectNode node(AuditEntry entry) {
        AuditEvent event = entry.event();
        ObjectNode node = JsonBodies.object();
        node.put("sequence", entry.sequence());
        node.put("time", Dates.format(event.at()));
        node.put("actor", event.actor());
        node.put("operation", event.operation());
        node.put("resource", event.resource());
        node.put("status", event.status());
        if (event.errorCode() != null) {
            node.put("errorCode", event.errorCode());
        }
        return node;
    }

    private static AuditEntry read(JsonFields fields) {
        if (!fields.node().path("sequence").canConvertToLong()) {
            throw fields.invalid("sequence", "must be a whole number");
        }
        return new AuditEntry(fields.node().get("sequence").asLong(), new AuditEvent(
                Dates.parse(fields.requiredText("time")), fields.requiredText("actor"),
                fields.requiredText("operation"), fields.requiredText("resource"),
                fields.integer("status") == null ? 0 : fields.integer("status"), fields.integer("errorCode")));
    }
}
