package org.opendps.cli.cert;

import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.KeyAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendps cert create-device}: one device's client certificate, CN = its registration ID. */
@Command(name = "create-device", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a device certificate signed by --ca-cert/--ca-key, with the registration ID as CN "
                + "(as DPS requires) and clientAuth: NAME.cert.pem, NAME.key.pem and NAME.chain.pem (the device "
                + "certificate and its intermediates, what the device sends).",
            "Defaults: 365 days, ECDSA P-256, name = the registration ID."})
public final class CreateDeviceCommand extends IssueCommand {
    @Option(names = "--registration-id", order = 1, paramLabel = "ID", required = true,
            description = "The device's registration ID: the certificate's CN.")
    String registrationId;

    @Option(names = "--subject", order = 2, paramLabel = "DN",
            description = "The whole subject, whose CN must be the registration ID, e.g. \"CN=dev-1,O=Acme\".")
    String subject;

    @Mixin
    IssuerOptions issuer;

    @Override
    CertificateIssuer.Request request(Duration validity, KeyAlgorithm keyAlgorithm) {
        CertificateIssuer.Request request = DeviceCertificates.request(registrationId, validity, keyAlgorithm);
        if (subject != null && !registrationId.equals(CertificateIssuer.commonNameOf(subject))) {
            throw new IllegalArgumentException("the CN of --subject must be the registration ID " + registrationId);
        }
        return subject == null ? request : request.withSubject(subject);
    }

    @Override
    IssuedCertificate issuer() {
        return issuer.load();
    }

    @Override
    String defaultName() {
        return registrationId;
    }

    @Override
    int defaultDays() {
        return DeviceCertificates.DEFAULT_DAYS;
    }
}
