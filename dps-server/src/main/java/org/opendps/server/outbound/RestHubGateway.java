package org.opendps.server.outbound;

import static org.opendps.server.outbound.HubRestClient.encodePathSegment;
import static org.opendps.server.outbound.HubRestClient.who;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.server.outbound.HubRestClient.Reply;
import org.opendps.wire.json.HubDeviceJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Manages devices in any hub that speaks the IoT Hub service REST API, api-version 2021-04-12 (a real Azure IoT Hub
 * included). Errors: 408, 429, 5xx, timeouts and network failures are retryable; any other answer is not, and its
 * message names the hub, the call and the status (and the hub's error code), never the key or the token.
 *
 * <p>{@link #putDevice} sends {@code If-Match: "*"} (replace whatever is there). Hubs disagree on what that means
 * for a device that does not exist yet: RFC 7232 says 412, others answer 404 (no device to update) or 409. On any
 * of these the device is read once: absent, it is created without If-Match; present, it is replaced under the etag
 * just read. A 409 or 412 to that second PUT means another writer got in between, and is retryable.
 */
public final class RestHubGateway implements HubGateway {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(RestHubGateway.class);
    private static final String ANY = "\"*\""; // quoted as Node's client sends it; hubs accept both forms

    private final HubRestClient http;

    /** Azure's hubs: {@code https://{hostName}} on 443, trusted through the JDK's CAs. */
    public RestHubGateway() {
        this(RestHubGateway::azureBaseUri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, List.of());
    }

    /**
     * @param baseUri where each hub's service API is, e.g. a built-in hub's {@code https://127.0.0.2:8443}
     * @param requestTimeout the most one HTTP exchange may take, body included
     * @param extraTrustedCas CAs trusted besides the JDK's (a private or test hub's); may be empty
     */
    public RestHubGateway(Function<LinkedHub, URI> baseUri, Duration connectTimeout, Duration requestTimeout,
            Collection<X509Certificate> extraTrustedCas) {
        this(new HubRestClient(baseUri, connectTimeout, requestTimeout, extraTrustedCas, Clock.systemUTC()));
    }

    RestHubGateway(HubRestClient http) {
        this.http = http;
    }

    public static URI azureBaseUri(LinkedHub hub) {
        return URI.create("https://" + hub.hostName());
    }

    @Override
    public void putDevice(LinkedHub hub, DeviceIdentity identity) {
        String path = "/devices/" + encodePathSegment(identity.deviceId());
        byte[] body = HubDeviceJson.writeDevice(identity);
        Reply reply = http.send(hub, "PUT", path, body, ANY);
        if (reply.status() == 404 || reply.status() == 409 || reply.status() == 412) {
            LOG.debug("Hub {} answered {} to PUT {} with If-Match *; reading the device's etag", hub.hostName(),
                    reply.status(), path);
            Reply current = http.send(hub, "GET", path, null, null);
            if (current.status() != 200 && current.status() != 404) {
                throw failure(hub, "GET", path, current);
            }
            String etag = current.status() == 200 ? HubDeviceJson.readEtag(current.body()) : null;
            if (current.status() == 200 && etag == null) {
                throw failure(hub, "PUT", path, reply); // there is no etag to replace it under
            }
            reply = http.send(hub, "PUT", path, body, etag == null ? null : quoted(etag));
            if (reply.status() == 409 || reply.status() == 412) {
                throw new HubException(who(hub) + " answered " + reply.status() + " to PUT " + path
                        + ": another writer changed the device meanwhile.", true, null);
            }
        }
        requireSuccess(hub, "PUT", path, reply);
    }

    @Override
    public Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
        return read(hub, "/devices/" + encodePathSegment(deviceId), HubDeviceJson::readDevice);
    }

    /** A 412 to {@code If-Match: *} also means no device: by RFC 7232 there was nothing to match. */
    @Override
    public boolean deleteDevice(LinkedHub hub, String deviceId) {
        String path = "/devices/" + encodePathSegment(deviceId);
        Reply reply = http.send(hub, "DELETE", path, null, ANY);
        if (reply.status() == 404 || reply.status() == 412) {
            return false;
        }
        requireSuccess(hub, "DELETE", path, reply);
        return true;
    }

    /** Tags and desired properties only: the service API cannot write reported ones. Unconditional. */
    @Override
    public void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
        String path = "/twins/" + encodePathSegment(deviceId);
        requireSuccess(hub, "PUT", path, http.send(hub, "PUT", path, HubDeviceJson.writeTwin(twin), null));
    }

    @Override
    public Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
        return read(hub, "/twins/" + encodePathSegment(deviceId), HubDeviceJson::readTwin);
    }

    private <T> Optional<T> read(LinkedHub hub, String path, Function<byte[], T> parse) {
        Reply reply = http.send(hub, "GET", path, null, null);
        if (reply.status() == 404) {
            return Optional.empty();
        }
        requireSuccess(hub, "GET", path, reply);
        try {
            return Optional.of(parse.apply(reply.body()));
        } catch (IllegalArgumentException e) { // our own message, which never quotes the body
            throw new HubException(who(hub) + " answered GET " + path + " with a body OpenDPS cannot use: "
                    + e.getMessage(), false, null);
        }
    }

    private static void requireSuccess(LinkedHub hub, String method, String path, Reply reply) {
        if (reply.status() / 100 != 2) {
            throw failure(hub, method, path, reply);
        }
    }

    /** 408, 429 and 5xx may pass; any other answer would be the same next time. */
    private static HubException failure(LinkedHub hub, String method, String path, Reply reply) {
        int status = reply.status();
        String code = HubDeviceJson.errorCode(reply.body());
        // Not for 403: Azure answers that for quotas (TooManyDevices, IotHubQuotaExceeded), not for credentials.
        String hint = status == 401 ? " Check the key of shared access policy '" + hub.keyName()
                + "' and that the policy grants RegistryReadWrite and ServiceConnect." : "";
        boolean retryable = status == 408 || status == 429 || status >= 500;
        return new HubException(who(hub) + " answered " + status + (code == null ? "" : " " + code) + " to "
                + method + " " + path + "." + hint, retryable, null);
    }

    /** Etags travel quoted in If-Match (RFC 7232); the device body carries them bare. */
    private static String quoted(String etag) {
        return etag.startsWith("\"") || etag.startsWith("W/\"") ? etag : "\"" + etag + "\"";
    }
}
