package org.opendps.cli.cert;

import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.KeyAlgorithm;
import org.opendps.cli.CliException;
import org.opendps.core.error.DpsException;
import org.opendps.core.validation.Identifiers;

/** What one device certificate and a production run of them have in common. */
final class DeviceCertificates {
    static final int DEFAULT_DAYS = 365;

    private DeviceCertificates() {}

    /** A device certificate request; the registration ID must be one DPS accepts, or no device could use it. */
    static CertificateIssuer.Request request(String registrationId, Duration validity, KeyAlgorithm keyAlgorithm) {
        try {
            Identifiers.registrationId("--registration-id", registrationId);
        } catch (DpsException e) {
            throw CliException.usage(e.getMessage());
        }
        return CertificateIssuer.Request.device(registrationId, validity).withKeyAlgorithm(keyAlgorithm);
    }
}
