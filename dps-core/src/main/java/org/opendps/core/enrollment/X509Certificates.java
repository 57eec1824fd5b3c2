package org.opendps.core.enrollment;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** Reads certificates as clients send them (PEM text or base64 DER) and describes them as Azure does. */
public final class X509Certificates {
    private static final int MAX_CERTIFICATE_CHARS = 64 * 1024;

    private X509Certificates() {}

    /** Parses PEM or base64 DER; a 400 naming the field when it is not exactly one X.509 certificate. */
    public static X509Certificate parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new DpsException(DpsError.INVALID_CERTIFICATE_DATA, "'" + field + "' holds no certificate.");
        }
        if (text.length() > MAX_CERTIFICATE_CHARS) {
            throw new DpsException(DpsError.INVALID_CERTIFICATE_DATA, "'" + field + "' is too large.");
        }
        byte[] der;
        String trimmed = text.strip();
        if (trimmed.startsWith("-----BEGIN")) {
            der = trimmed.getBytes(StandardCharsets.US_ASCII);
        } else {
            try {
                der = Base64.getMimeDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                throw new DpsException(DpsError.INVALID_CERTIFICATE_DATA,
                        "'" + field + "' is neither PEM nor base64 DER.");
            }
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            var certificates = factory.generateCertificates(new ByteArrayInputStream(der));
            if (certificates.size() != 1) {
                throw new DpsException(DpsError.INVALID_CERTIFICATE_DATA,
                        "'" + field + "' must hold exactly one certificate, not " + certificates.size() + ".");
            }
            return (X509Certificate) certificates.iterator().next();
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof DpsException dps) {
                throw dps;
            }
            throw new DpsException(DpsError.INVALID_CERTIFICATE_DATA,
                    "'" + field + "' is not a valid X.509 certificate.");
        }
    }

    public static String base64Der(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate could not be encoded", e);
        }
    }

    public static X509Certificate fromBase64Der(String base64Der) {
        return parse("certificate", base64Der);
    }

    /** Azure's description: RFC 1779 names, upper-case hex thumbprints and serial number. */
    public static X509CertificateInfo info(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            return new X509CertificateInfo(
                    certificate.getSubjectX500Principal().getName(X500Principal.RFC1779),
                    thumbprint("SHA-1", der),
                    thumbprint("SHA-256", der),
                    certificate.getIssuerX500Principal().getName(X500Principal.RFC1779),
                    certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(),
                    hex(certificate.getSerialNumber()),
                    certificate.getVersion());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate could not be encoded", e);
        }
    }

    /** The subject's CN, or null when it has none or more than one. */
    public static String commonName(X509Certificate certificate) {
        try {
            List<String> names = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253))
                    .getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(rdn -> String.valueOf(rdn.getValue()))
                    .toList();
            return names.size() == 1 ? names.get(0) : null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    public static String thumbprint(String algorithm, byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    private static String hex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }
}
