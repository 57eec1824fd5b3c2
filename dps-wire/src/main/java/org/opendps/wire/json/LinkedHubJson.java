package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubService;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.wire.ServiceConnectionString;

/**
 * Linked hubs as ARM shows them ({@code IotHubDefinitionDescription}): {@code {"name", "connectionString",
 * "location", "allocationWeight", "applyAllocationPolicy"}}, where {@code name} is the host name and read-only;
 * lists as {@code {"value": [...]}}; and the service properties ({@code IotDpsPropertiesDescription}):
 * {@code {"idScope", "allocationPolicy", "iotHubs"}}. Only ServiceConfig may read either, so the connection strings,
 * keys included, are always written, as ARM does.
 */
public final class LinkedHubJson {
    private static final String POLICIES = "Hashed, GeoLatency, Static";

    /** The service properties as a client reads them. */
    public record ServiceProperties(String idScope, AllocationPolicy allocationPolicy, List<LinkedHub> iotHubs) {
        public ServiceProperties {
            iotHubs = List.copyOf(iotHubs);
        }
    }

    private LinkedHubJson() {}

    /**
     * A hub to link under the host name of the request path, which the connection string's HostName must name too
     * (in any case); settings left out are null, for the core's defaults.
     */
    public static LinkedHubService.Draft read(String pathHostName, byte[] body) {
        JsonFields fields = JsonFields.root(JsonBodies.parseObject(body));
        ServiceConnectionString connection = connectionString(fields);
        if (!connection.hostName().equalsIgnoreCase(Objects.requireNonNull(pathHostName, "pathHostName"))) {
            throw fields.invalid("connectionString", "its HostName must be the hub's host name in the request path");
        }
        return new LinkedHubService.Draft(connection.keyName(), connection.key(), fields.text("location"),
                fields.integer("allocationWeight"),
                fields.has("applyAllocationPolicy") ? fields.bool("applyAllocationPolicy", true) : null);
    }

    public static byte[] write(LinkedHub hub) {
        return JsonBodies.toBytes(node(hub));
    }

    public static byte[] writeList(List<LinkedHub> hubs) {
        ObjectNode node = JsonBodies.object();
        node.set("value", array(hubs));
        return JsonBodies.toBytes(node);
    }

    /** What a client sends to link a hub: its settings, with nulls left out for the server's defaults. */
    public static byte[] writeDraft(String hostName, LinkedHubService.Draft draft) {
        ObjectNode node = JsonBodies.object();
        node.put("name", hostName);
        node.put("connectionString", new ServiceConnectionString(hostName, draft.keyName(), draft.key()).format());
        JsonBodies.putIfPresent(node, "location", draft.location());
        if (draft.allocationWeight() != null) {
            node.put("allocationWeight", draft.allocationWeight());
        }
        if (draft.applyAllocationPolicy() != null) {
            node.put("applyAllocationPolicy", draft.applyAllocationPolicy());
        }
        return JsonBodies.toBytes(node);
    }

    /** A hub as the server wrote it: the host name is {@code name}, else the connection string's HostName. */
    public static LinkedHub readHub(byte[] body) {
        return hub(JsonFields.root(JsonBodies.parseObject(body)));
    }

    /** Takes {@code {"value": [...]}} or a bare array. */
    public static List<LinkedHub> readList(byte[] body) {
        JsonNode node = JsonBodies.parse(body);
        if (node.isArray()) {
            return JsonBodies.elements(node, "").stream().map(LinkedHubJson::hub).toList();
        }
        if (!node.isObject()) {
            throw JsonBodies.invalid("The body must be a JSON object or array.");
        }
        return JsonFields.root((ObjectNode) node).requiredObjects("value").stream().map(LinkedHubJson::hub).toList();
    }

    public static byte[] writeProperties(ServiceInstance instance, List<LinkedHub> hubs) {
        ObjectNode node = JsonBodies.object();
        node.put("idScope", instance.idScope());
        node.put("allocationPolicy", armName(instance.allocationPolicy()));
        node.set("iotHubs", array(hubs));
        return JsonBodies.toBytes(node);
    }

    public static ServiceProperties readProperties(byte[] body) {
        JsonFields fields = JsonFields.root(JsonBodies.parseObject(body));
        return new ServiceProperties(fields.text("idScope"), allocationPolicy(fields),
                fields.objects("iotHubs").stream().map(LinkedHubJson::hub).toList());
    }

    /**
     * The allocation policy of a properties update, in any case; other fields are ignored. ARM's resource form,
     * with the field inside {@code properties}, is accepted too. Custom is read, for the core to refuse.
     */
    public static AllocationPolicy readAllocationPolicy(byte[] body) {
        JsonFields fields = JsonFields.root(JsonBodies.parseObject(body));
        if (!fields.has("allocationPolicy") && fields.has("properties")) {
            fields = fields.object("properties");
        }
        AllocationPolicy policy = allocationPolicy(fields);
        if (policy == null) {
            throw fields.invalid("allocationPolicy", "required; one of " + POLICIES);
        }
        return policy;
    }

    public static byte[] writeAllocationPolicy(AllocationPolicy policy) {
        ObjectNode node = JsonBodies.object();
        node.put("allocationPolicy", armName(policy));
        return JsonBodies.toBytes(node);
    }

    /** ARM's PascalCase name of a policy: {@code GeoLatency} where an enrollment says {@code geoLatency}. */
    public static String armName(AllocationPolicy policy) {
        String name = policy.wireName();
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    private static AllocationPolicy allocationPolicy(JsonFields fields) {
        return fields.enumValue("allocationPolicy", AllocationPolicy::fromWireName, POLICIES);
    }

    private static ServiceConnectionString connectionString(JsonFields fields) {
        String text = fields.requiredText("connectionString");
        try {
            return ServiceConnectionString.parse(text);
        } catch (IllegalArgumentException e) {
            // The parser's messages name parts, never values, so no key can reach the answer.
            String problem = e.getMessage().replaceFirst("^The connection string ", "").replaceFirst("\\.$", "");
            throw fields.invalid("connectionString", problem);
        }
    }

    private static LinkedHub hub(JsonFields fields) {
        ServiceConnectionString connection = connectionString(fields);
        String name = fields.nonEmptyText("name");
        Integer weight = fields.integer("allocationWeight");
        int allocationWeight = weight == null ? LinkedHub.DEFAULT_WEIGHT : weight;
        if (allocationWeight < 1 || allocationWeight > LinkedHub.MAX_WEIGHT) {
            throw fields.invalid("allocationWeight", "must be between 1 and " + LinkedHub.MAX_WEIGHT);
        }
        return new LinkedHub(name != null ? name : connection.hostName(), connection.keyName(), connection.key(),
                fields.text("location"), allocationWeight, fields.bool("applyAllocationPolicy", true));
    }

    private static ArrayNode array(List<LinkedHub> hubs) {
        ArrayNode array = JsonBodies.array();
        hubs.forEach(hub -> array.add(node(hub)));
        return array;
    }

    private static ObjectNode node(LinkedHub hub) {
        ObjectNode node = JsonBodies.object();
        node.put("name", hub.hostName());
        node.put("connectionString", new ServiceConnectionString(hub.hostName(), hub.keyName(), hub.key()).format());
        node.put("location", hub.location());
        node.put("allocationWeight", hub.allocationWeight());
        node.put("applyAllocationPolicy", hub.applyAllocationPolicy());
        return node;
    }
}
