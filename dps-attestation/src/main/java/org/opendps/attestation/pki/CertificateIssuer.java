package org.opendps.attestation.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes certificate chains: the server's own root CA and TLS certificate, and (for manufacturing and tests) roots,
 * intermediates and device certificates.
 */
public final class CertificateIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Backdating covers clocks of peers that run a little behind ours. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private CertificateIssuer() {}

    /** The fields of one certificate to issue; {@code pathLength} applies to CAs (-1: unlimited). */
    public record Request(String commonName, KeyAlgorithm keyAlgorithm, Duration validity, boolean ca,
            int pathLength, List<String> subjectAltNames, Instant notBefore) {

        public static Request ca(String commonName, Duration validity) {
            return new Request(commonName, KeyAlgorithm.EC_P256, validity, true, -1, List.of(), null);
        }

        public static Request leaf(String commonName, Duration validity, List<String> subjectAltNames) {
            return new Request(commonName, KeyAlgorithm.EC_P256, validity, false, -1, subjectAltNames, null);
        }

        public Request withKeyAlgorithm(KeyAlgorithm algorithm) {
            return new Request(commonName, algorithm, validity, ca, pathLength, subjectAltNames, notBefore);
        }

        public Request withPathLength(int length) {
            return new Request(commonName, keyAlgorithm, validity, ca, length, subjectAltNames, notBefore);
        }

        /** A fixed start of validity, e.g. in the past to make an expired certificate for a test. */
        public Request withNotBefore(Instant start) {
            return new Request(commonName, keyAlgorithm, validity, ca, pathLength, subjectAltNames, start);
        }
    }

    public static IssuedCertificate selfSigned(Request request) {
        KeyPair keys = request.keyAlgorithm().generate();
        X500Name name = name(request.commonName());
        X509Certificate certificate = build(request, keys.getPublic(), name, name, keys.getPrivate(), null);
        return new IssuedCertificate(certificate, keys.getPrivate(), List.of());
    }

    public static IssuedCertificate issue(Request request, IssuedCertificate issuer) {
        KeyPair keys = request.keyAlgorithm().generate();
        X509Certificate certificate = build(request, keys.getPublic(), name(request.commonName()),
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                issuer.privateKey(), issuer.certificate());
        List<X509Certificate> issuers = new ArrayList<>(issuer.chain());
        return new IssuedCertificate(certificate, keys.getPrivate(), issuers);
    }

    private static X509Certificate build(Request request, PublicKey publicKey, X500Name subject, X500Name issuerName,
            PrivateKey signingKey, X509Certificate issuerCertificate) {
        Instant start = request.notBefore() != null ? request.notBefore() : Instant.now().minus(BACKDATE);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(start),
                    Date.from(start.plus(request.validity())), subject, publicKey);
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(publicKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (request.ca()) {
                builder.addExtension(Extension.basicConstraints, true, request.pathLength() >= 0
                        ? new BasicConstraints(request.pathLength()) : new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                if (!request.subjectAltNames().isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            subjectAltNames(request.subjectAltNames()));
                }
            }
            var signer = new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithmFor(signingKey)).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + request.commonName(), e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    /** IP literals become iPAddress names, everything else dNSName. */
    private static GeneralNames subjectAltNames(Collection<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            out.add(new GeneralName(isIpLiteral(name) ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        return new GeneralNames(out.toArray(new GeneralName[0]));
    }

    public static boolean isIpLiteral(String name) {
        if (name.contains(":")) {
            return true;
        }
        if (!name.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(name);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
