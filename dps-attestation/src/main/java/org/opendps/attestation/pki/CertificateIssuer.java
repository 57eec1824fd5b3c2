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
import java.util.Objects;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
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

    /** What a certificate is for, which decides its basic constraints, key usage and extended key usage. */
    public enum Profile {
        /** CA:true (with the path length, if any), keyCertSign and cRLSign. */
        CA,
        /** A TLS server that may also act as a client: the server's own certificate. */
        TLS_SERVER,
        /** CA:false, digitalSignature, clientAuth: a device, or a proof-of-possession certificate. */
        CLIENT
    }

    /**
     * The fields of one certificate to issue.
     *
     * @param commonName the subject's CN
     * @param subject the whole subject as an RFC 4514 name, whose CN is {@code commonName}; null for just the CN
     * @param pathLength applies to CAs (-1: unlimited)
     * @param notBefore null for now, less an hour
     */
    public record Request(String commonName, String subject, KeyAlgorithm keyAlgorithm, Duration validity,
            Profile profile, int pathLength, List<String> subjectAltNames, Instant notBefore) {

        public Request {
            Objects.requireNonNull(commonName, "commonName");
            Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
            Objects.requireNonNull(validity, "validity");
            Objects.requireNonNull(profile, "profile");
            if (commonName.isBlank()) {
                throw new IllegalArgumentException("the common name is empty");
            }
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("the validity must be positive, not " + validity);
            }
            if (subject != null && !commonName.equals(commonNameOf(subject))) {
                throw new IllegalArgumentException("the subject's CN is not " + commonName);
            }
            subjectAltNames = List.copyOf(subjectAltNames);
        }

        public static Request ca(String commonName, Duration validity) {
            return new Request(commonName, null, KeyAlgorithm.EC_P256, validity, Profile.CA, -1, List.of(), null);
        }

        /** A TLS server (and client) certificate for these host names and IP addresses. */
        public static Request leaf(String commonName, Duration validity, List<String> subjectAltNames) {
            return new Request(commonName, null, KeyAlgorithm.EC_P256, validity, Profile.TLS_SERVER, -1,
                    subjectAltNames, null);
        }

        /** A device's client certificate: its CN is the registration ID, as DPS and the SDKs require. */
        public static Request device(String registrationId, Duration validity) {
            return new Request(registrationId, null, KeyAlgorithm.EC_P256, validity, Profile.CLIENT, -1, List.of(),
                    null);
        }

        /**
         * The proof of possession DPS asks for before it trusts an uploaded CA: CN = the verification code, to be
         * issued by (signed with the key of) that CA.
         */
        public static Request verification(String code, Duration validity) {
            return new Request(code, null, KeyAlgorithm.EC_P256, validity, Profile.CLIENT, -1, List.of(), null);
        }

        /** The subject as an RFC 4514 name such as {@code CN=Line 4 CA,O=Acme}; its CN becomes the common name. */
        public Request withSubject(String distinguishedName) {
            return new Request(commonNameOf(distinguishedName), distinguishedName, keyAlgorithm, validity, profile,
                    pathLength, subjectAltNames, notBefore);
        }

        public Request withKeyAlgorithm(KeyAlgorithm algorithm) {
            return new Request(commonName, subject, algorithm, validity, profile, pathLength, subjectAltNames,
                    notBefore);
        }

        public Request withPathLength(int length) {
            return new Request(commonName, subject, keyAlgorithm, validity, profile, length, subjectAltNames,
                    notBefore);
        }

        /** A fixed start of validity, e.g. in the past to make an expired certificate for a test. */
        public Request withNotBefore(Instant start) {
            return new Request(commonName, subject, keyAlgorithm, validity, profile, pathLength, subjectAltNames,
                    start);
        }

        public boolean ca() {
            return profile == Profile.CA;
        }
    }

    /**
     * The CN of an RFC 4514 name.
     *
     * @throws IllegalArgumentException when the name does not parse or has no single CN
     */
    public static String commonNameOf(String distinguishedName) {
        RDN[] cns = parseName(distinguishedName).getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            throw new IllegalArgumentException("the subject must have exactly one CN: " + distinguishedName);
        }
        return IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    public static IssuedCertificate selfSigned(Request request) {
        KeyPair keys = request.keyAlgorithm().generate();
        X500Name name = subjectOf(request);
        X509Certificate certificate = build(request, keys.getPublic(), name, name, keys.getPrivate(), null);
        return new IssuedCertificate(certificate, keys.getPrivate(), List.of());
    }

    /**
     * Signs with any issuer, a leaf included: tests need the chains a server must refuse. Callers that take an
     * issuer from a user check {@link IssuedCertificate#isCa()} first.
     */
    public static IssuedCertificate issue(Request request, IssuedCertificate issuer) {
        KeyPair keys = request.keyAlgorithm().generate();
        X509Certificate certificate = build(request, keys.getPublic(), subjectOf(request),
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
            } else if (request.profile() == Profile.CLIENT) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
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

    private static X500Name subjectOf(Request request) {
        return request.subject() != null ? parseName(request.subject())
                : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.commonName()).build();
    }

    /** RFC 4514 writes the most specific name first, the reverse of the certificate's order, as the JDK prints it. */
    private static X500Name parseName(String distinguishedName) {
        try {
            return new X500Name(RFC4519Style.INSTANCE, distinguishedName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a distinguished name (e.g. CN=name,O=org): " + distinguishedName);
        }
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
