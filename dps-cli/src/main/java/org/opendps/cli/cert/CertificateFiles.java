package org.opendps.cli.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.output.OutputFiles;

/**
 * The PEM files of one issued certificate: {@code NAME.cert.pem}, {@code NAME.key.pem} (PKCS#8, owner-only) and,
 * for anything below a root, {@code NAME.chain.pem} (the certificate and its intermediates, what a device sends).
 *
 * @param chain null when no chain file is written
 * @param key null when no key file is written
 */
public record CertificateFiles(String certificate, String key, String chain) {

    public static CertificateFiles of(String name, boolean withKey, boolean withChain) {
        return new CertificateFiles(name + ".cert.pem", withKey ? name + ".key.pem" : null,
                withChain ? name + ".chain.pem" : null);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(certificate);
        if (key != null) {
            names.add(key);
        }
        if (chain != null) {
            names.add(chain);
        }
        return names;
    }

    public void write(OutputFiles out, IssuedCertificate issued) {
        if (key != null) {
            out.writePrivate(key, Pem.privateKey(issued.privateKey()));
        }
        out.writePublic(certificate, Pem.certificate(issued.certificate()));
        if (chain != null) {
            List<X509Certificate> certificates = issued.chainWithoutRoot();
            out.writePublic(chain, Pem.certificates(certificates));
        }
    }
}
