package org.opendps.cli.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.CliException;
import org.opendps.cli.key.KeyDeriveCommand;
import org.opendps.deviceclient.RegistrationCredential;
import picocli.CommandLine.Option;

/**
 * How the device proves itself: {@code --key} (its own key), {@code --group-key} (its key is derived from the
 * group's and its registration ID) or {@code --cert} with {@code --key-file} (and {@code --chain}).
 */
public final class DeviceCredentialOptions {
    @Option(names = "--key", order = 10, paramLabel = "BASE64",
            description = "The device's symmetric key (individual enrollment).")
    String key;

    @Option(names = "--group-key", order = 11, paramLabel = "BASE64",
            description = "The enrollment group's key; the device key is derived from it and --registration-id.")
    String groupKey;

    @Option(names = "--cert", order = 12, paramLabel = "FILE",
            description = "The device certificate (PEM; may be followed by its intermediates).")
    Path certificateFile;

    @Option(names = "--key-file", order = 13, paramLabel = "FILE", description = "The device certificate's key (PEM).")
    Path keyFile;

    @Option(names = "--chain", order = 14, paramLabel = "FILE",
            description = "Intermediates to send with --cert (PEM), e.g. the chain file of `cert create-device`.")
    Path chainFile;

    /** The credential and the registration ID it goes with. */
    public record Resolved(RegistrationCredential credential, String registrationId, String deviceKey) {}

    /** @param registrationId as given; null lets a certificate's CN name the device */
    Resolved resolve(String registrationId) {
        int given = (key != null ? 1 : 0) + (groupKey != null ? 1 : 0) + (certificateFile != null ? 1 : 0);
        if (given != 1) {
            throw CliException.usage("give exactly one of --key, --group-key, or --cert with --key-file");
        }
        if (certificateFile == null && (keyFile != null || chainFile != null)) {
            throw CliException.usage("--key-file and --chain go with --cert");
        }
        if (certificateFile != null) {
            return certificate(registrationId);
        }
        if (registrationId == null) {
            throw CliException.usage("--registration-id is required with --key or --group-key");
        }
        String deviceKey = key != null ? checkedKey(key.strip()) : KeyDeriveCommand.derive(groupKey.strip(),
                registrationId);
        return new Resolved(new RegistrationCredential.SymmetricKey(deviceKey), registrationId, deviceKey);
    }

    private Resolved certificate(String registrationId) {
        if (keyFile == null) {
            throw CliException.usage("--cert needs --key-file");
        }
        List<X509Certificate> chain = new ArrayList<>(certificates(certificateFile));
        if (chainFile != null) {
            for (X509Certificate certificate : certificates(chainFile)) {
                if (!chain.contains(certificate)) {
                    chain.add(certificate); // a chain file that starts with the leaf adds only what is missing
                }
            }
        }
        PrivateKey privateKey;
        try {
            privateKey = Pem.readPrivateKey(read(keyFile));
        } catch (IllegalArgumentException e) {
            throw CliException.local(keyFile + ": " + e.getMessage());
        }
        String commonName = CertificateIssuer.commonNameOf(chain.get(0).getSubjectX500Principal().getName());
        if (registrationId != null && !registrationId.equals(commonName)) {
            throw CliException.usage("--registration-id must be the certificate's CN (" + commonName + ")");
        }
        return new Resolved(new RegistrationCredential.X509(privateKey, chain), commonName, null);
    }

    private static String checkedKey(String base64) {
        try {
            if (Base64.getDecoder().decode(base64).length > 0) {
                return base64;
            }
        } catch (IllegalArgumentException e) {
            // the same message for both, which never repeats the key
        }
        throw CliException.usage("--key is not a valid base64 key");
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certificates;
        try {
            certificates = Pem.readCertificates(read(file));
        } catch (IllegalArgumentException e) {
            throw CliException.local(file + ": " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw CliException.local(file + " holds no PEM certificate");
        }
        return certificates;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw CliException.local("cannot read " + file + ": " + e.getMessage());
        }
    }
}
