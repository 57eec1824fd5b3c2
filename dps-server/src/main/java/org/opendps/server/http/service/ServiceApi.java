package org.opendps.server.http.service;

import java.util.Objects;
import org.opendps.core.audit.AuditLog;
import org.opendps.core.certificate.CaCertificateService;
import org.opendps.core.enrollment.EnrollmentService;
import org.opendps.core.hub.LinkedHubService;
import org.opendps.core.registration.Deprovisioning;
import org.opendps.core.registration.RegistrationStateService;
import org.opendps.core.security.AccessPolicyService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;

/** The use cases the service (management) API exposes, and who may call them. */
public record ServiceApi(
        EnrollmentService enrollments,
        RegistrationStateService registrations,
        AccessPolicyService policies,
        LinkedHubService linkedHubs,
        ServiceAuthenticator<SharedAccessPolicy> authenticator,
        Deprovisioning deprovisioning,
        CaCertificateService caCertificates,
        AuditLog audit) {

    public ServiceApi {
        Objects.requireNonNull(enrollments, "enrollments");
        Objects.requireNonNull(registrations, "registrations");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(linkedHubs, "linkedHubs");
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(deprovisioning, "deprovisioning");
        Objects.requireNonNull(caCertificates, "caCertificates");
        Objects.requireNonNull(audit, "audit");
    }
}
