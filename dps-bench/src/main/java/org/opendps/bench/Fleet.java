package org.opendps.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.http.ServiceClient;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationCredential;
import org.opendps.wire.json.CaCertificateJson;

/**
 * The simulated devices of one run and the group enrollment they join, made through the service API before anything
 * is timed: a symmetric-key group (device keys derived from its key), or an X.509 group on a generated root uploaded
 * as a verified CA certificate, with one device certificate per device.
 */
final class Fleet {
    enum Attestation { symmetric_key, x509 }

    private static final Duration VALIDITY = Duration.ofDays(1);

    private Fleet() {}

    /** Creates the group {@code prefix} and returns {@code count} registrations, IDs {@code prefix-0...}. */
    static List<Registration> enroll(ServiceClient service, Attestation attestation, String idScope, String prefix,
            int count) {
        String groupId = prefix;
        List<Registration> devices = new ArrayList<>(count);
        if (attestation == Attestation.symmetric_key) {
            String groupKey = SharedAccessSignatures.generateKey();
            service.put(ServiceClient.path("enrollmentGroups", groupId), json("{\"enrollmentGroupId\":\"" + groupId
                    + "\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + groupKey
                    + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}"), null);
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                devices.add(new Registration(idScope, id,
                        new RegistrationCredential.SymmetricKey(SharedAccessSignatures.hmac(groupKey, id)), null));
            }
            return devices;
        }
        IssuedCertificate root = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca(prefix + " root", VALIDITY));
        String caName = prefix + "-root";
        service.put(ServiceClient.path("certificates", caName),
                CaCertificateJson.writeUpload(Pem.certificate(root.certificate()), true), null);
        service.put(ServiceClient.path("enrollmentGroups", groupId), json("{\"enrollmentGroupId\":\"" + groupId
                + "\",\"attestation\":{\"type\":\"x509\",\"x509\":{\"caReferences\":{\"primary\":\"" + caName
                + "\"}}}}"), null);
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + i;
            IssuedCertificate leaf = CertificateIssuer.issue(CertificateIssuer.Request.device(id, VALIDITY), root);
            devices.add(new Registration(idScope, id,
                    new RegistrationCredential.X509(leaf.privateKey(), List.of(leaf.certificate())), null));
        }
        return devices;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
