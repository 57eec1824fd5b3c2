package org.opendps.deviceclient;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** The TLS context of one registration: the endpoint's trusted CAs, and the device certificate for X.509. */
final class DeviceTls {
    private static final char[] IN_MEMORY = new char[0];

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

    /**
     * For X.509 the key and chain, offered whatever CAs the server names: a device's certificate is checked by
     * the DPS against its enrollments, not by the TLS layer (protocol/dps-device.md §4).
     */
    private static KeyManager[] keyManagers(RegistrationCredential credential)
            throws GeneralSecurityException, IOException {
        if (!(credential instanceof RegistrationCredential.X509 x509)) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("device", x509.privateKey(), IN_MEMORY, x509.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        return factory.getKeyManagers();
    }
}
