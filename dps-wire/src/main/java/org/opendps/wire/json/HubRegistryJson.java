package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opendps.core.hub.DeviceAuthentication;

/**
 * Device identities as a built-in hub's service API takes and gives them (api-version 2021-04-12): the hub's side of
 * what {@link HubDeviceJson} is the client's side of. Read-only fields a client sends back (etag, generationId,
 * times, connection state) are ignored; the hub keeps its own.
 */
public final class HubRegistryJson {
    /** Azure's stamp for a moment that never came (never connected, never active). */
    public static final String NEVER = "0001-01-01T00:00:00Z";

    private HubRegistryJson() {}

    /**
     * The body of {@code PUT /devices/{id}}, unvalidated: the hub's registry judges IDs, keys and thumbprints.
     *
     * @param deviceId null when the body has none (the path names the device)
     * @param status as sent, in any case (the Java service client writes {@code Enabled}); null when absent
     * @param authentication null when absent: SAS with keys the hub makes; SAS keys absent or empty are null
     */
    public record DeviceBody(String deviceId, String status, String statusReason,
            DeviceAuthentication authentication, boolean iotEdge) {}

    /**
     * A device as the hub shows it.
     *
     * @param etag bare, as hub bodies carry it
     */
    public record DeviceView(String deviceId, String generationId, String etag, boolean enabled,
            String statusReason, DeviceAuthentication authentication, boolean iotEdge) {
        public DeviceView {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(authentication, "authentication");
        }
    }

    /** @throws org.opendps.core.error.DpsException 400 naming the field when the body is not such a device */
    public static DeviceBody readDevice(byte[] body) {
        JsonFields device = JsonFields.root(JsonBodies.parseObject(body));
        JsonFields capabilities = device.object("capabilities");
        return new DeviceBody(device.nonEmptyText("deviceId"), device.nonEmptyText("status"),
                device.text("statusReason"), authentication(device.object("authentication")),
                capabilities != null && capabilities.bool("iotEdge", false));
    }

    /**
     * Azure's shape and member order. The Java service client needs {@code deviceId} and {@code authentication}, an
     * exact {@code Disconnected}, and every time field (it sends them back on update and fails on a missing one).
     * The hub tracks neither connections nor status changes yet, so the times are all {@link #NEVER}.
     */
    public static byte[] writeDevice(DeviceView device) {
        return JsonBodies.toBytes(node(device));
    }

    /** {@code GET /devices}: a JSON array of devices. */
    public static byte[] writeDevices(List<DeviceView> devices) {
        ArrayNode array = JsonBodies.array();
        devices.forEach(device -> array.add(node(device)));
        return JsonBodies.toBytes(array);
    }

    /** The text of a query body, {@code {"query":"SELECT * FROM devices"}}. */
    public static String readQuery(byte[] body) {
        return JsonFields.root(JsonBodies.parseObject(body)).requiredText("query");
    }

    /**
     * A JSON array of JSON texts the hub rendered itself (twins, which the hub module writes), joined as they are:
     * each is one complete JSON value already, so parsing them again would only cost time.
     */
    public static byte[] writeArray(List<String> jsonTexts) {
        return ("[" + String.join(",", jsonTexts) + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode node(DeviceView device) {
        ObjectNode node = JsonBodies.object();
        node.put("deviceId", device.deviceId());
        node.put("generationId", device.generationId());
        node.put("etag", device.etag());
        node.put("connectionState", "Disconnected");
        node.put("status", device.enabled() ? "enabled" : "disabled");
        node.put("statusReason", device.statusReason());
        node.put("connectionStateUpdatedTime", NEVER);
        node.put("statusUpdatedTime", NEVER);
        node.put("lastActivityTime", NEVER);
        node.put("cloudToDeviceMessageCount", 0);
        ObjectNode authentication = node.putObject("authentication");
        ObjectNode keys = authentication.putObject("symmetricKey").putNull("primaryKey").putNull("secondaryKey");
        ObjectNode thumbprint = authentication.putObject("x509Thumbprint")
                .putNull("primaryThumbprint").putNull("secondaryThumbprint");
        if (device.authentication() instanceof DeviceAuthentication.SymmetricKey sas) {
            keys.put("primaryKey", sas.primaryKey()).put("secondaryKey", sas.secondaryKey());
            authentication.put("type", "sas");
        } else if (device.authentication() instanceof DeviceAuthentication.X509Thumbprint x509) {
            thumbprint.put("primaryThumbprint", x509.primaryThumbprint())
                    .put("secondaryThumbprint", x509.secondaryThumbprint());
            authentication.put("type", "selfSigned");
        } else {
            authentication.put("type", "certificateAuthority");
        }
        node.putObject("capabilities").put("iotEdge", device.iotEdge());
        return node;
    }

    /**
     * {@code sas}, {@code selfSigned} or {@code certificateAuthority}, in any case; without a type, a primary
     * thumbprint means selfSigned. Keys or thumbprints sent with certificateAuthority are ignored, as Azure ignores
     * them. {@code none}, which a built-in hub cannot check, is refused rather than stored as something else.
     */
    private static DeviceAuthentication authentication(JsonFields authentication) {
        if (authentication == null) {
            return null;
        }
        JsonFields keys = authentication.object("symmetricKey");
        JsonFields x509 = authentication.object("x509Thumbprint");
        String type = authentication.nonEmptyText("type");
        if (type == null) {
            type = x509 != null && x509.nonEmptyText("primaryThumbprint") != null ? "selfsigned" : "sas";
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "sas":
                return new DeviceAuthentication.SymmetricKey(keys == null ? null : keys.nonEmptyText("primaryKey"),
                        keys == null ? null : keys.nonEmptyText("secondaryKey"));
            case "selfsigned":
                return new DeviceAuthentication.X509Thumbprint(
                        x509 == null ? null : x509.nonEmptyText("primaryThumbprint"),
                        x509 == null ? null : x509.nonEmptyText("secondaryThumbprint"));
            case "certificateauthority":
                return new DeviceAuthentication.CertificateAuthority();
            default:
                throw authentication.invalid("type",
                        "must be sas, selfSigned or certificateAuthority (a built-in hub supports no other)");
        }
    }
}
