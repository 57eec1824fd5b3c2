package org.opendps.deviceclient;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context of one registration: the endpoint's trusted CAs, and the device certificate for X.509. */
final class DeviceTls {
    private DeviceTls() {}

    static SSLContext context(ProvisioningEndpoint endpoint, RegistrationCredential credential) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(credential), trustManagers(endpoint.trustedCertificates()), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the device", e);
        }
    }

    /** The JDK's trust store unless CAs are named; then exactly those. */
    private static TrustManager[] trustManagers(List<X509Certificate> trusted)
            throws GeneralSecurityException, IOException {
        if (trusted.isEmpty()) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            store.setCertificateEntry("ca-" + i, trusted.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** For X.509 the key and chain; see {@link DeviceKeyManager}. */
    private static KeyManager[] keyManagers(RegistrationCredential credential) {
        if (!(credential instanceof RegistrationCredential.X509 x509)) {
            return null;
        }
        return new KeyManager[] {new DeviceKeyManager(x509.privateKey(), x509.chain())};
    }
}
