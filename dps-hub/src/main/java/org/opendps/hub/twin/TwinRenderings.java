package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.hub.Etags;
import org.opendps.hub.registry.HubDevice;

/** A twin as each API shows it. */
final class TwinRenderings {
    private TwinRenderings() {}

    /**
     * {@code GET /twins/{id}} of the service API, in Azure's shape and member order. The Java service client's
     * {@code TwinState} parser reads it: numbers where it wants numbers, {@code status} lower-case, metadata stamps in
     * the one date form it parses. The hub does not track connections yet, so every device shows as disconnected.
     */
    static ObjectNode service(HubDevice device, StoredTwin twin) {
        ObjectNode json = TwinJson.object();
        json.put("deviceId", twin.deviceId());
        json.put("etag", Etags.bare(twin.revision()));
        json.put("deviceEtag", device.revision() == null ? null : Etags.bare(device.revision()));
        json.put("version", twin.version());
        json.put("status", device.enabled() ? "enabled" : "disabled");
        if (device.statusReason() != null) {
            json.put("statusReason", device.statusReason());
        }
        json.put("connectionState", "Disconnected");
        json.put("cloudToDeviceMessageCount", 0);
        ObjectNode thumbprint = TwinJson.object().putNull("primaryThumbprint").putNull("secondaryThumbprint");
        if (device.authentication() instanceof DeviceAuthentication.X509Thumbprint x509) {
            json.put("authenticationType", "selfSigned");
            thumbprint.put("primaryThumbprint", x509.primaryThumbprint());
            thumbprint.put("secondaryThumbprint", x509.secondaryThumbprint());
        } else if (device.authentication() instanceof DeviceAuthentication.CertificateAuthority) {
            json.put("authenticationType", "certificateAuthority");
        } else {
            json.put("authenticationType", "sas");
        }
        json.set("x509Thumbprint", thumbprint);
        json.putObject("capabilities").put("iotEdge", device.iotEdge());
        json.set("tags", TwinJson.parseStored(twin.tagsJson()));
        ObjectNode properties = json.putObject("properties");
        properties.set("desired", desired(twin).rendered(true));
        properties.set("reported", reported(twin).rendered(true));
        return json;
    }

    /** {@code $iothub/twin/GET} of the device API: no tags (a device never sees them), no metadata. */
    static ObjectNode device(StoredTwin twin) {
        ObjectNode json = TwinJson.object();
        json.set("desired", desired(twin).rendered(false));
        json.set("reported", reported(twin).rendered(false));
        return json;
    }

    /**
     * The writable content, {@code {"tags":{..},"properties":{"desired":{..},"reported":{..}}}}, with no
     * {@code $metadata} or {@code $version} anywhere: what migration carries to another hub.
     */
    static ObjectNode content(StoredTwin twin) {
        ObjectNode json = TwinJson.object();
        json.set("tags", TwinJson.parseStored(twin.tagsJson()));
        ObjectNode properties = json.putObject("properties");
        properties.set("desired", desired(twin).values().deepCopy());
        properties.set("reported", reported(twin).values().deepCopy());
        return json;
    }

    private static Section desired(StoredTwin twin) {
        return Section.stored(twin.desiredJson(), twin.desiredVersion(), true);
    }

    private static Section reported(StoredTwin twin) {
        return Section.stored(twin.reportedJson(), twin.reportedVersion(), false);
    }
}
