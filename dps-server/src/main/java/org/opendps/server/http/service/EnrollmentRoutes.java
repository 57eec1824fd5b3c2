package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.ENROLLMENT_READ;
import static org.opendps.core.security.AccessRight.ENROLLMENT_WRITE;

import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentService;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.query.Page;
import org.opendps.core.registration.Deprovisioning;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.BulkRequest;
import org.opendps.wire.json.DeprovisionJson;
import org.opendps.wire.json.Draft;
import org.opendps.wire.json.EnrollmentJson;

/**
 * {@code /enrollments} and {@code /enrollmentGroups}: CRUD, attestation mechanism, query and bulk.
 *
 * <p>OpenDPS extension: {@code DELETE /enrollments/{id}} and {@code DELETE /enrollmentGroups/{id}} take an optional
 * query parameter {@code deprovision=disable|delete}, which first disables or deletes the enrollment's assigned
 * device (every assigned device of a group) in its hub, as {@code POST /registrations/{id}/deprovision} does;
 * {@code PUT /enrollments/{id}?deprovision=…} does the same after storing an enrollment that is disabled. Devices
 * that never registered, or whose hub is no longer linked, are skipped. Any other value is a 400.
 */
final class EnrollmentRoutes {
    private final EnrollmentService enrollments;
    private final RegistrationStateService registrations;
    private final Deprovisioning deprovisioning;

    private EnrollmentRoutes(ServiceApi api) {
        this.enrollments = api.enrollments();
        this.registrations = api.registrations();
        this.deprovisioning = api.deprovisioning();
    }

    static void register(RouteTable routes, ServiceApi api) {
        EnrollmentRoutes r = new EnrollmentRoutes(api);
        ServiceAuthenticator<SharedAccessPolicy> auth = api.authenticator();
        routes.add("POST", "/enrollments/query", Authorized.requiring(ENROLLMENT_READ, auth, r::queryEnrollments))
                .add("POST", "/enrollments", Authorized.requiring(ENROLLMENT_WRITE, auth, r::bulkEnrollments))
                .add("PUT", "/enrollments/{id}", Authorized.requiring(ENROLLMENT_WRITE, auth, r::putEnrollment))
                .add("GET", "/enrollments/{id}", Authorized.requiring(ENROLLMENT_READ, auth, r::getEnrollment))
                .add("DELETE", "/enrollments/{id}", Authorized.requiring(ENROLLMENT_WRITE, auth, r::deleteEnrollment))
                .add("POST", "/enrollments/{id}/attestationmechanism",
                        Authorized.requiring(ENROLLMENT_READ, auth, r::enrollmentAttestation))
                .add("POST", "/enrollmentGroups/query", Authorized.requiring(ENROLLMENT_READ, auth, r::queryGroups))
                .add("POST", "/enrollmentGroups", Authorized.requiring(ENROLLMENT_WRITE, auth, r::bulkGroups))
                .add("PUT", "/enrollmentGroups/{id}", Authorized.requiring(ENROLLMENT_WRITE, auth, r::putGroup))
                .add("GET", "/enrollmentGroups/{id}", Authorized.requiring(ENROLLMENT_READ, auth, r::getGroup))
                .add("DELETE", "/enrollmentGroups/{id}", Authorized.requiring(ENROLLMENT_WRITE, auth, r::deleteGroup))
                .add("POST", "/enrollmentGroups/{id}/attestationmechanism",
                        Authorized.requiring(ENROLLMENT_READ, auth, r::groupAttestation));
    }

    private ApiResponse putEnrollment(ApiRequest request) {
        Deprovisioning.Action action = deprovisionParameter(request);
        Draft<IndividualEnrollment> draft = EnrollmentJson.readEnrollment(request.body());
        IndividualEnrollment stored = enrollments.putEnrollment(request.param(0), draft.item(),
                ifMatch(request, draft.etag()));
        if (action != null && !stored.settings().enabled()) {
            deprovisioning.deprovisionIfAssigned(stored.registrationId(), action);
        }
        return ApiResponse.ok(EnrollmentJson.writeEnrollment(stored, registrationOf(stored.registrationId())));
    }

    private ApiResponse getEnrollment(ApiRequest request) {
        IndividualEnrollment enrollment = enrollments.getEnrollment(request.param(0));
        return ApiResponse.ok(EnrollmentJson.writeEnrollment(enrollment, registrationOf(enrollment.registrationId())));
    }

    private ApiResponse deleteEnrollment(ApiRequest request) {
        Deprovisioning.Action action = deprovisionParameter(request);
        if (action != null) {
            IndividualEnrollment enrollment = enrollments.getEnrollment(request.param(0));
            checkIfMatch(enrollment, request);
            deprovisioning.deprovisionIfAssigned(enrollment.registrationId(), action);
        }
        enrollments.deleteEnrollment(request.param(0), request.header("If-Match"));
        return ApiResponse.noContent();
    }

    private ApiResponse enrollmentAttestation(ApiRequest request) {
        return ApiResponse.ok(EnrollmentJson.writeAttestationMechanism(
                enrollments.getEnrollment(request.param(0)).attestation()));
    }

    private ApiResponse queryEnrollments(ApiRequest request) {
        Page<IndividualEnrollment> page = enrollments.queryEnrollments(EnrollmentJson.readQuery(request.body()),
                request.intHeader("x-ms-max-item-count"), request.header("x-ms-continuation"));
        return QueryResponses.page(page, "enrollment",
                EnrollmentJson.writeEnrollments(page.items(), this::registrationOf));
    }

    private ApiResponse bulkEnrollments(ApiRequest request) {
        BulkRequest<IndividualEnrollment> bulk = EnrollmentJson.readEnrollmentBulk(request.body());
        return ApiResponse.ok(EnrollmentJson.writeBulkResult(
                enrollments.bulkEnrollments(bulk.mode(), bulk.items()), false));
    }

    private ApiResponse putGroup(ApiRequest request) {
        Draft<EnrollmentGroup> draft = EnrollmentJson.readGroup(request.body());
        EnrollmentGroup stored = enrollments.putGroup(request.param(0), draft.item(), ifMatch(request, draft.etag()));
        return ApiResponse.ok(EnrollmentJson.writeGroup(stored));
    }

    private ApiResponse getGroup(ApiRequest request) {
        return ApiResponse.ok(EnrollmentJson.writeGroup(enrollments.getGroup(request.param(0))));
    }

    private ApiResponse deleteGroup(ApiRequest request) {
        Deprovisioning.Action action = deprovisionParameter(request);
        if (action != null) {
            EnrollmentGroup group = enrollments.getGroup(request.param(0));
            checkIfMatch(group, request);
            deprovisioning.deprovisionGroup(group.enrollmentGroupId(), action);
        }
        enrollments.deleteGroup(request.param(0), request.header("If-Match"));
        return ApiResponse.noContent();
    }

    private ApiResponse groupAttestation(ApiRequest request) {
        return ApiResponse.ok(EnrollmentJson.writeAttestationMechanism(
                enrollments.getGroup(request.param(0)).attestation()));
    }

    private ApiResponse queryGroups(ApiRequest request) {
        Page<EnrollmentGroup> page = enrollments.queryGroups(EnrollmentJson.readQuery(request.body()),
                request.intHeader("x-ms-max-item-count"), request.header("x-ms-continuation"));
        return QueryResponses.page(page, "enrollmentGroup", EnrollmentJson.writeGroups(page.items()));
    }

    private ApiResponse bulkGroups(ApiRequest request) {
        BulkRequest<EnrollmentGroup> bulk = EnrollmentJson.readGroupBulk(request.body());
        return ApiResponse.ok(EnrollmentJson.writeBulkResult(enrollments.bulkGroups(bulk.mode(), bulk.items()), true));
    }

    private DeviceRegistrationState registrationOf(String registrationId) {
        return registrations.find(registrationId).orElse(null);
    }

    private static Deprovisioning.Action deprovisionParameter(ApiRequest request) {
        return DeprovisionJson.readParameter(request.queryParam(DeprovisionJson.PARAMETER));
    }

    /** Checked before the hub is touched, so that a stale etag does not leave devices deprovisioned for nothing. */
    private static void checkIfMatch(Versioned<?> current, ApiRequest request) {
        String ifMatch = request.header("If-Match");
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*") || ifMatch.trim().equals("\"*\"")) {
            return;
        }
        if (!current.revision().matches(ifMatch)) {
            throw new DpsException(DpsError.PRECONDITION_FAILED,
                    "The etag " + ifMatch.trim() + " does not match the current etag of '" + current.id() + "'.");
        }
    }

    /** The If-Match header wins; a client that sent only the body's etag (curl, scripts) means the same thing. */
    private static String ifMatch(ApiRequest request, String bodyEtag) {
        String header = request.header("If-Match");
        return header != null && !header.isBlank() ? header : bodyEtag;
    }
}
