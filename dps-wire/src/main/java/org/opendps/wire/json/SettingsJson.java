package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.Revision;

/**
 * The fields individual enrollments and enrollment groups share, from {@code capabilities} to
 * {@code customAllocationDefinition}, with the read-only etag and dates in Azure's order among them.
 */
final class SettingsJson {
    private static final String ALLOCATION_POLICIES = "hashed, geoLatency, static, custom";

    private SettingsJson() {}

    static EnrollmentSettings read(JsonFields body) {
        JsonFields capabilities = body.object("capabilities");
        ProvisioningStatus status = body.enumValue("provisioningStatus", ProvisioningStatus::fromWireName,
                "enabled, disabled");
        return new EnrollmentSettings(
                capabilities != null && capabilities.bool("iotEdge", false),
                body.nonEmptyText("iotHubHostName"),
                initialTwin(body.object("initialTwin")),
                status == null ? ProvisioningStatus.ENABLED : status,
                reprovisionPolicy(body.object("reprovisionPolicy")),
                body.enumValue("allocationPolicy", AllocationPolicy::fromWireName, ALLOCATION_POLICIES),
                body.texts("iotHubs"),
                customAllocation(body.object("customAllocationDefinition")));
    }

    /**
     * @param etag written when not null: the stored etag in responses, the client's own in requests
     * @param dates the revision whose dates are written; null in requests
     */
    static void write(ObjectNode node, EnrollmentSettings settings, String etag, Revision dates) {
        node.putObject("capabilities").put("iotEdge", settings.iotEdge());
        JsonBodies.putIfPresent(node, "iotHubHostName", settings.iotHubHostName());
        putText(node, "initialTwin", settings.initialTwin());
        JsonBodies.putIfPresent(node, RevisionJson.ETAG, etag);
        node.put("provisioningStatus", settings.provisioningStatus().wireName());
        node.putObject("reprovisionPolicy")
                .put("updateHubAssignment", settings.reprovisionPolicy().updateHubAssignment())
                .put("migrateDeviceData", settings.reprovisionPolicy().migrateDeviceData());
        RevisionJson.writeCreated(node, dates);
        RevisionJson.writeUpdated(node, dates);
        if (settings.allocationPolicy() != null) {
            node.put("allocationPolicy", settings.allocationPolicy().wireName());
        }
        if (!settings.iotHubs().isEmpty()) {
            settings.iotHubs().forEach(node.putArray("iotHubs")::add);
        }
        CustomAllocationDefinition custom = settings.customAllocationDefinition();
        if (custom != null) {
            node.putObject("customAllocationDefinition")
                    .put("webhookUrl", custom.webhookUrl())
                    .put("apiVersion", custom.apiVersion());
        }
    }

    /** A JSON value stored as text, embedded as JSON (not as a string holding JSON). */
    static void putText(ObjectNode node, String name, JsonText text) {
        if (text != null) {
            node.set(name, JsonBodies.parseStored(text));
        }
    }

    /**
     * {@code {tags?: {}, properties?: {desired?: {}}}}; other keys (Java's {@code $metadata}, {@code $version})
     * are kept as sent. The webhook's initialTwin is held to the same shape.
     */
    static JsonText initialTwin(JsonFields twin) {
        if (twin == null) {
            return null;
        }
        twin.object("tags");
        JsonFields properties = twin.object("properties");
        if (properties != null) {
            properties.object("desired");
        }
        return JsonBodies.toText(twin.node());
    }

    private static ReprovisionPolicy reprovisionPolicy(JsonFields policy) {
        if (policy == null) {
            return ReprovisionPolicy.DEFAULT;
        }
        return new ReprovisionPolicy(
                policy.bool("updateHubAssignment", ReprovisionPolicy.DEFAULT.updateHubAssignment()),
                policy.bool("migrateDeviceData", ReprovisionPolicy.DEFAULT.migrateDeviceData()));
    }

    private static CustomAllocationDefinition customAllocation(JsonFields custom) {
        if (custom == null) {
            return null;
        }
        return new CustomAllocationDefinition(custom.requiredText("webhookUrl"), custom.requiredText("apiVersion"));
    }
}
