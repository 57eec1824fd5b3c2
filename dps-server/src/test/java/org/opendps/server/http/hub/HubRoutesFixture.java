package org.opendps.server.http.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;
import org.opendps.hub.telemetry.TelemetryLog;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.testsupport.hub.InMemoryBuiltInHubs;

/**
 * Two built-in hubs in memory, each with Azure's default policies, behind the hub routes; requests go straight to
 * the route table as HttpsVerticle hands them over (the listener itself is tested end to end in dps-it).
 */
final class HubRoutesFixture {
    static final String HUB = "hub-1.example.net";
    static final String OTHER_HUB = "127.0.0.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryBuiltInHubs hubs = new InMemoryBuiltInHubs(Clock.systemUTC());
    /** Small, so that tests reach its bound. */
    final TelemetryLog telemetry = new TelemetryLog(Clock.systemUTC(), 5);
    final RouteTable routes;

    HubRoutesFixture() {
        for (String host : List.of(HUB, OTHER_HUB)) {
            hubs.hubs().createIfAbsent(new BuiltInHub(host, Instant.now(), List.of(
                    policy(HubPolicy.OWNER, EnumSet.allOf(HubRight.class)),
                    policy("service", EnumSet.of(HubRight.SERVICE_CONNECT)),
                    policy("registryRead", EnumSet.of(HubRight.REGISTRY_READ)),
                    policy("registryReadWrite", EnumSet.of(HubRight.REGISTRY_READ, HubRight.REGISTRY_WRITE)))));
        }
        routes = HubApiRoutes.create(new RouteTable(), new HubApi(hubs.registry(), hubs.twins(), hubs.hubs(),
                Clock.systemUTC(), null, telemetry));
    }

    /** A token of the hub's policy as the Java service client makes it: sr is the host name, valid for an hour. */
    String token(String hub, String policyName) {
        HubPolicy policy = hubs.hubs().find(hub).orElseThrow().policy(policyName).orElseThrow();
        return SharedAccessSignatures.createToken(hub, policy.keyName(), policy.primaryKey(),
                Instant.now().plusSeconds(3600).getEpochSecond());
    }

    /** The owner's request to {@link #HUB}, addressed as clients on port 8443 address it. */
    ApiResponse send(String method, String pathAndQuery, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Host", HUB + ":8443", "Authorization",
                token(HUB, HubPolicy.OWNER)));
        all.addAll(List.of(headers));
        return raw(method, pathAndQuery, body, all.toArray(new String[0]));
    }

    /** Exactly these headers; later ones of the same name win. */
    ApiResponse raw(String method, String pathAndQuery, String body, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, String> headerMap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            headerMap.put(headers[i], headers[i + 1]);
        }
        RouteTable.Match match = routes.match(method, path).orElseThrow(() -> new AssertionError("no route"));
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return match.handler().handle(new ApiRequest(method, path, match.params(), headerMap::get, bytes,
                q < 0 ? null : pathAndQuery.substring(q + 1)));
    }

    /** Single quotes stand for double quotes. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode body(ApiResponse response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's error code word, as {@code Message} and the {@code iothub-errorcode} header both carry it. */
    static String errorCode(ApiResponse response) {
        String message = body(response).path("Message").asText();
        String word = message.substring("ErrorCode:".length(), message.indexOf(';'));
        if (!word.equals(response.headers().get("iothub-errorcode"))) {
            throw new AssertionError("header and body disagree: " + response.headers() + " vs " + message);
        }
        return word;
    }

    private static HubPolicy policy(String name, EnumSet<HubRight> rights) {
        return new HubPolicy(name, SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey(), rights);
    }
}
