package org.opendps.deviceclient;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A device's one key and chain, offered whatever CAs the server names (a device's certificate is checked by the
 * DPS against its enrollments, not by the TLS layer, protocol/dps-device.md §4). It holds them as they are: a
 * PKCS12 key store would first encrypt the key with thousands of PBKDF2 rounds per device, a cost of the client
 * that a bench of fresh devices would measure instead of the server.
 */
public final class DeviceKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "device";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    public DeviceKeyManager(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = chain.toArray(X509Certificate[]::new);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return fits(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return fits(keyTypes);
    }

    /** The key whatever the issuers, but only for a signature scheme of its own type (EC, RSA). */
    private String fits(String[] keyTypes) {
        for (String type : keyTypes) {
            if (type.equals(key.getAlgorithm())) {
                return ALIAS;
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
