package org.opendps.server.http.device;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.provisioning.RegistrationRequest;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.RouteTable;

/** Answers what a test sets and remembers what the routes passed; also sends requests through a route table. */
final class FakeRegistrations implements DeviceRegistrations {
    static final Revision REVISION = new Revision(1, Instant.parse("2024-05-01T08:00:00Z"),
            Instant.parse("2024-05-01T08:00:01.5Z"));
    static final DeviceRegistrationState ASSIGNED = new DeviceRegistrationState("dev-1", null, "hub-1.example.net",
            "dev-1", RegistrationStatus.ASSIGNED, RegistrationSubstatus.INITIAL_ASSIGNMENT, null, null, null, REVISION);

    RegistrationOperationStatus answer = new RegistrationOperationStatus("op-1", RegistrationStatus.ASSIGNED,
            ASSIGNED, 0);
    RegistrationRequest lastRequest;
    DeviceCredential lastCredential;
    String lastOperationId;

    @Override
    public RegistrationOperationStatus register(RegistrationRequest request) {
        lastRequest = request;
        lastCredential = request.credential();
        return answer;
    }

    @Override
    public RegistrationOperationStatus operationStatus(String idScope, String registrationId, String operationId,
            DeviceCredential credential) {
        lastCredential = credential;
        lastOperationId = operationId;
        return answer;
    }

    @Override
    public DeviceRegistrationState registrationStatus(String idScope, String registrationId,
            DeviceCredential credential) {
        lastCredential = credential;
        return answer.registrationState();
    }

    /** Routes the request and runs its handler as HttpsVerticle does, refusals mapped to their answer. */
    static ApiResponse send(RouteTable routes, String method, String pathAndQuery, String body, String... headers) {
        return send(routes, method, pathAndQuery, body, List.of(), headers);
    }

    /** As {@link #send(RouteTable, String, String, String, String...)}, from a TLS client that sent this chain. */
    static ApiResponse send(RouteTable routes, String method, String pathAndQuery, String body,
            List<X509Certificate> clientChain, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? null : pathAndQuery.substring(q + 1);
        Map<String, String> headerMap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            headerMap.put(headers[i], headers[i + 1]);
        }
        try {
            RouteTable.Match match = routes.match(method, path).orElseThrow(() -> new AssertionError("no route"));
            byte[] bytes = body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return match.handler().handle(new ApiRequest(method, path, match.params(), headerMap::get, bytes,
                    query, clientChain));
        } catch (DpsException e) {
            return new HttpErrorMapper(java.time.Clock.systemUTC()).map(e);
        }
    }
}
