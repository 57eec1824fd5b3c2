package org.opendps.server.http.device;

import java.time.Duration;
import java.util.Objects;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.provisioning.RegistrationMetrics;
import org.opendps.core.provisioning.RegistrationRequest;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.DeviceRegistrationJson;
import org.opendps.wire.json.DeviceRegistrationJson.DeviceRegistrationBody;
import org.opendps.wire.json.TpmChallengeJson;
import org.opendps.wire.sas.SasTokenParser;

/**
 * The DPS device API over HTTPS ({@code protocol/dps-device.md} §1): register, poll the operation, look up the
 * status. Every path starts with the ID scope ({@code 0ne} and eight hex digits), which no service API path
 * segment can equal, so these routes never take a service request. DPS over MQTT answers with the same
 * {@link #register} and {@link #operation}, so both transports send the same bodies and statuses.
 */
public final class DeviceApiRoutes implements DeviceApi {
    private final DeviceRegistrations registrations;
    private final String transport;
    private final RegistrationMetrics metrics;

    private DeviceApiRoutes(DeviceRegistrations registrations, String transport, RegistrationMetrics metrics) {
        this.registrations = registrations;
        this.transport = transport;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Adds the device routes to {@code routes} and returns it; register requests count as transport https. */
    public static RouteTable create(RouteTable routes, ProvisioningService provisioning, RegistrationMetrics metrics) {
        return create(routes, DeviceRegistrations.of(Objects.requireNonNull(provisioning, "provisioning")), metrics);
    }

    /** The device API without routes, for the other transports ({@code transport} labels their metrics). */
    public static DeviceApiRoutes of(ProvisioningService provisioning, String transport, RegistrationMetrics metrics) {
        return new DeviceApiRoutes(DeviceRegistrations.of(Objects.requireNonNull(provisioning, "provisioning")),
                transport, metrics);
    }

    static RouteTable create(RouteTable routes, DeviceRegistrations registrations) {
        return create(routes, registrations, RegistrationMetrics.NONE);
    }

    private static RouteTable create(RouteTable routes, DeviceRegistrations registrations,
            RegistrationMetrics metrics) {
        DeviceApiRoutes r = new DeviceApiRoutes(Objects.requireNonNull(registrations, "registrations"), "https",
                metrics);
        return routes.add("PUT", "/{idScope}/registrations/{registrationId}/register", r::register)
                .add("GET", "/{idScope}/registrations/{registrationId}/operations/{operationId}", r::operation)
                .add("POST", "/{idScope}/registrations/{registrationId}", r::registrationStatus);
    }

    /** Every SDK sends a body; an empty one is taken as {@code {}}, since the path already names the device. */
    private ApiResponse register(ApiRequest request) {
        // Node's forceRegistration option; Java and C have none.
        boolean force = "true".equalsIgnoreCase(request.queryParam("forceRegistration"));
        return register(request.param(0), request.param(1), request.body(), credential(request), force);
    }

    /** Times every register request and labels it with its attestation, outcome and status, refusals too. */
    @Override
    public ApiResponse register(String idScope, String registrationId, byte[] body, DeviceCredential credential,
            boolean force) {
        long start = System.nanoTime();
        String attestation = RegistrationMetrics.attestationOf(credential);
        String outcome = "refused";
        int status = 500;
        try {
            DeviceRegistrationBody registration = DeviceRegistrationJson.readOptionalRequest(body);
            if (registration.tpmEndorsementKey() != null) {
                attestation = "tpm";
                DeviceCredential.Tpm tpm = tpmCredential(registration, credential);
                if (tpm.token() == null) {
                    ApiResponse challenge = tpmChallenge(idScope, registrationId, registration, tpm);
                    outcome = "challenge";
                    status = challenge.status();
                    return challenge;
                }
                credential = tpm;
            }
            RegistrationOperationStatus operation = registrations.register(new RegistrationRequest(idScope,
                    registrationId, registration.registrationId(), credential, registration.payload(), force));
            ApiResponse answer = answer(operation);
            outcome = operation.status().wireName();
            status = answer.status();
            return answer;
        } catch (DpsException e) {
            status = e.error().httpStatus();
            throw e;
        } finally {
            metrics.registration(transport, attestation, outcome, status, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * A TPM device sends its EK and SRK with every register request; the first, without Authorization, is
     * answered 401 with the challenge in the body ({@code protocol/dps-device.md} §3), the next carries the SAS
     * signed with the challenge key.
     */
    private static DeviceCredential.Tpm tpmCredential(DeviceRegistrationBody body, DeviceCredential credential) {
        if (body.tpmStorageRootKey() == null) {
            throw DpsException.invalidField("tpm.storageRootKey", "is required with tpm.endorsementKey");
        }
        if (credential instanceof DeviceCredential.Sas sas) {
            return new DeviceCredential.Tpm(body.tpmEndorsementKey(), body.tpmStorageRootKey(), sas.token());
        }
        if (credential instanceof DeviceCredential.None) {
            return new DeviceCredential.Tpm(body.tpmEndorsementKey(), body.tpmStorageRootKey(), null);
        }
        throw new DpsException(DpsError.DEVICE_UNAUTHORIZED, "A TPM device authenticates with its TPM only.");
    }

    private ApiResponse tpmChallenge(String idScope, String registrationId, DeviceRegistrationBody body,
            DeviceCredential.Tpm keys) {
        if (body.registrationId() != null && !body.registrationId().equalsIgnoreCase(registrationId)) {
            throw DpsException.invalidField("registrationId", "must equal the registration ID in the request path");
        }
        String authenticationKey = registrations.tpmChallenge(idScope, registrationId, keys);
        return ApiResponse.json(401, TpmChallengeJson.write(authenticationKey));
    }

    /** The body is ignored: the SPEC defines none, Java sends none, Node sends {@code {}}. */
    private ApiResponse operation(ApiRequest request) {
        return operation(request.param(0), request.param(1), request.param(2), credential(request));
    }

    @Override
    public ApiResponse operation(String idScope, String registrationId, String operationId,
            DeviceCredential credential) {
        return answer(registrations.operationStatus(idScope, registrationId, operationId, credential));
    }

    private ApiResponse registrationStatus(ApiRequest request) {
        DeviceRegistrationBody body = DeviceRegistrationJson.readOptionalRequest(request.body());
        if (body.registrationId() != null && !body.registrationId().equalsIgnoreCase(request.param(1))) {
            throw DpsException.invalidField("registrationId", "must equal the registration ID in the request path");
        }
        return ApiResponse.ok(DeviceRegistrationJson.writeRegistrationResult(
                registrations.registrationStatus(request.param(0), request.param(1), credential(request))));
    }

    /**
     * 202 with Retry-After while assigning, as Azure answers; 200 once the operation ended. Java reads Retry-After
     * with Integer.parseInt, and Node multiplies it into a sleep, so it is a whole number of seconds and never 0.
     */
    private static ApiResponse answer(RegistrationOperationStatus status) {
        byte[] body = DeviceRegistrationJson.writeOperationStatus(status);
        if (!status.assigning()) {
            return ApiResponse.ok(body);
        }
        return ApiResponse.json(202, body)
                .withHeader("Retry-After", String.valueOf(Math.max(1, status.retryAfterSeconds())));
    }

    /**
     * The Authorization header as presented; without one, the TLS client chain when the device sent one (X.509),
     * else {@link DeviceCredential.None} (the first TPM request). A malformed header is the same 401 as a wrong
     * signature, with the parser's message (which never repeats the signature).
     */
    private static DeviceCredential credential(ApiRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return request.clientCertificates().isEmpty() ? new DeviceCredential.None()
                    : new DeviceCredential.X509(request.clientCertificates());
        }
        return sas(authorization);
    }

    /** A device's SAS token (HTTP Authorization header, MQTT password); malformed, it is 401002. */
    public static DeviceCredential sas(String token) {
        try {
            return new DeviceCredential.Sas(SasTokenParser.parse(token));
        } catch (DpsException e) {
            throw new DpsException(DpsError.DEVICE_UNAUTHORIZED, e.getMessage());
        }
    }
}
