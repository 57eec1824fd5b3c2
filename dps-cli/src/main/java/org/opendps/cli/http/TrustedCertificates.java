package org.opendps.cli.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opendps.cli.CliException;

/** The TLS trust of the CLI: the JDK's default, or exactly the CA certificates of one PEM (or DER) file. */
public final class TrustedCertificates {
    private TrustedCertificates() {}

    /** An SSL context that trusts the certificates in {@code caFile}; the JDK default when it is null. */
    public static SSLContext sslContext(Path caFile) {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int i = 0;
            for (Certificate certificate : read(caFile)) {
                trustStore.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no TLS implementation", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    private static Collection<? extends Certificate> read(Path caFile) {
        if (!Files.isRegularFile(caFile)) {
            throw CliException.local("CA certificate " + caFile + " does not exist");
        }
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw CliException.local("CA certificate " + caFile + " holds no certificate");
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw CliException.local("cannot read CA certificate " + caFile + ": " + e.getMessage());
        }
    }
}
