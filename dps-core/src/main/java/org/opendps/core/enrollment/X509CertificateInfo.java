package org.opendps.core.enrollment;

import java.time.Instant;

/** What Azure reports about a certificate; every field is required by the Java SDKs. */
public record X509CertificateInfo(
        String subjectName,
        String sha1Thumbprint,
        String sha256Thumbprint,
        String issuerName,
        Instant notBeforeUtc,
        Instant notAfterUtc,
        String serialNumber,
        int version) {}
