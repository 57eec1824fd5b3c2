package org.opendps.core.provisioning;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.certificate.CertificateChains;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.core.store.ChangeCountedCache;

/**
 * Decides which enrollment, if any, a device's credential proves. An individual enrollment of the registration ID
 * wins over every group: when one exists, only its credential counts. Every failure is the same 401, so that a
 * caller learns nothing about which enrollments exist. X.509 devices are judged by {@link X509DeviceAttestation}.
 */
final class DeviceAttestation {
    private static final int GROUP_PAGE = 500;

    private final EnrollmentStore enrollments;
    private final Clock clock;
    private final Duration clockSkew;
    private final X509DeviceAttestation x509;
    private final TpmDeviceAttestation tpm;
    /** Parsed once per change of the groups, on any node, rather than read and parsed per request. */
    private final ChangeCountedCache<List<EnrollmentGroup>> symmetricKeyGroups;

    DeviceAttestation(EnrollmentStore enrollments, EnrollmentGroupStore groups, CaCertificateStore caCertificates,
            Clock clock, Duration clockSkew, TpmDeviceAttestation tpm) {
        this.enrollments = enrollments;
        this.clock = clock;
        this.clockSkew = clockSkew;
        this.x509 = new X509DeviceAttestation(enrollments, groups, caCertificates,
                new CertificateChains(clock, clockSkew));
        this.tpm = tpm;
        this.symmetricKeyGroups = new ChangeCountedCache<>(List.of(groups),
                () -> groupsOf(groups, AttestationType.SYMMETRIC_KEY));
    }

    AttestedDevice attest(String idScope, String registrationId, DeviceCredential credential) {
        if (credential instanceof DeviceCredential.X509 certificate) {
            return x509.attest(registrationId, certificate);
        }
        if (credential instanceof DeviceCredential.Tpm keys && keys.token() != null) {
            checkToken(keys.token(), idScope, registrationId);
            return tpm.register(registrationId, keys, keys.token());
        }
        if (!(credential instanceof DeviceCredential.Sas sas)) {
            throw unauthorized();
        }
        SasToken token = sas.token();
        checkToken(token, idScope, registrationId);
        Optional<IndividualEnrollment> individual = enrollments.find(registrationId);
        if (individual.isPresent()) {
            return attestIndividual(individual.get(), registrationId, token);
        }
        return attestGroupMember(registrationId, token);
    }

    private AttestedDevice attestIndividual(IndividualEnrollment enrollment, String registrationId,
            SasToken token) {
        if (enrollment.attestation() instanceof TpmAttestation) {
            return tpm.followUp(registrationId, enrollment, token);
        }
        if (enrollment.attestation() instanceof SymmetricKeyAttestation keys && signedWithEither(token,
                keys.primaryKey(), keys.secondaryKey())) {
            return new AttestedDevice(registrationId, enrollment, null, AttestationType.SYMMETRIC_KEY,
                    new DeviceAuthentication.SymmetricKey(keys.primaryKey(), keys.secondaryKey()));
        }
        throw unauthorized();
    }

    /** Tries every symmetric-key group: the device does not say which one it belongs to. */
    private AttestedDevice attestGroupMember(String registrationId, SasToken token) {
        for (EnrollmentGroup group : symmetricKeyGroups.get()) {
            SymmetricKeyAttestation groupKeys = (SymmetricKeyAttestation) group.attestation();
            String primary = SharedAccessSignatures.hmac(groupKeys.primaryKey(), registrationId);
            String secondary = SharedAccessSignatures.hmac(groupKeys.secondaryKey(), registrationId);
            if (signedWithEither(token, primary, secondary)) {
                return new AttestedDevice(registrationId, null, group, AttestationType.SYMMETRIC_KEY,
                        new DeviceAuthentication.SymmetricKey(primary, secondary));
            }
        }
        throw unauthorized();
    }

    /** Every group of this attestation type, in ID order: the order in which they are tried. */
    static List<EnrollmentGroup> groupsOf(EnrollmentGroupStore groups, AttestationType type) {
        Filter ofType = Filter.where(FilterField.ATTESTATION_TYPE, type.wireName());
        List<EnrollmentGroup> all = new ArrayList<>();
        String after = null;
        List<EnrollmentGroup> page;
        do {
            page = groups.query(ofType, after, GROUP_PAGE);
            all.addAll(page);
            after = page.isEmpty() ? null : page.get(page.size() - 1).id().toLowerCase(Locale.ROOT);
        } while (page.size() == GROUP_PAGE);
        return List.copyOf(all);
    }

    /** Both keys are always tried, so that timing does not tell which one failed. */
    private static boolean signedWithEither(SasToken token, String primary, String secondary) {
        boolean first = SharedAccessSignatures.isSignedWith(token, primary);
        boolean second = SharedAccessSignatures.isSignedWith(token, secondary);
        return first | second;
    }

    /** The token must name this scope and this registration ID and must not have expired. */
    private void checkToken(SasToken token, String idScope, String registrationId) {
        checkResource(token, idScope, registrationId);
        if (token.expiry() <= clock.instant().getEpochSecond() - clockSkew.getSeconds()) {
            throw new DpsException(DpsError.DEVICE_UNAUTHORIZED, "The shared access signature has expired.");
        }
    }

    /** The token must name this scope and this registration ID: a device's token never works for another. */
    private static void checkResource(SasToken token, String idScope, String registrationId) {
        String resource;
        try {
            resource = URLDecoder.decode(token.resourceUri(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized();
        }
        if (!resource.equalsIgnoreCase(idScope + "/registrations/" + registrationId)) {
            throw new DpsException(DpsError.DEVICE_UNAUTHORIZED,
                    "The shared access signature was not issued for this registration.");
        }
    }

    static DpsException unauthorized() {
        return new DpsException(DpsError.DEVICE_UNAUTHORIZED, "The device could not be authenticated.");
    }
}
