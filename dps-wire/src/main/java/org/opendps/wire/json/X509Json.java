package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;
import org.opendps.core.error.DpsException;

/**
 * The {@code x509} object: exactly one of clientCertificates, signingCertificates (each {primary, secondary?} of
 * {certificate?, info?}) and caReferences ({primary, secondary?} of names). Certificate text passes through
 * unparsed; the core parses it. The service writes {@code info} and never the certificate bytes.
 */
final class X509Json {
    private static final String KINDS = "clientCertificates, signingCertificates or caReferences";

    private X509Json() {}

    static X509Attestation read(JsonFields x509) {
        List<X509Kind> present = new ArrayList<>();
        for (X509Kind kind : X509Kind.values()) {
            if (x509.has(kind.wireName())) {
                present.add(kind);
            }
        }
        if (present.size() != 1) {
            throw DpsException.invalidField(x509.path(), "must hold exactly one of " + KINDS);
        }
        X509Kind kind = present.get(0);
        JsonFields slots = x509.requiredObject(kind.wireName());
        if (kind == X509Kind.CA_REFERENCES) {
            String secondary = slots.nonEmptyText("secondary");
            return new X509Attestation(kind, X509Entry.ofCaReference(slots.requiredText("primary")),
                    secondary == null ? null : X509Entry.ofCaReference(secondary));
        }
        JsonFields secondary = slots.object("secondary");
        return new X509Attestation(kind, entry(slots.requiredObject("primary")),
                secondary == null ? null : entry(secondary));
    }

    static ObjectNode write(X509Attestation x509, boolean withCertificateText) {
        ObjectNode node = JsonBodies.object();
        ObjectNode slots = node.putObject(x509.kind().wireName());
        if (x509.kind() == X509Kind.CA_REFERENCES) {
            slots.put("primary", x509.primary().caReference());
            if (x509.secondary() != null) {
                slots.put("secondary", x509.secondary().caReference());
            }
        } else {
            slots.set("primary", entry(x509.primary(), withCertificateText));
            if (x509.secondary() != null) {
                slots.set("secondary", entry(x509.secondary(), withCertificateText));
            }
        }
        return node;
    }

    private static X509Entry entry(JsonFields entry) {
        // info is read-only: kept only so that the core can match a certificate sent back as info alone.
        JsonNode info = entry.node().get("info");
        return new X509Entry(entry.nonEmptyText("certificate"),
                info != null && info.isObject() ? info((ObjectNode) info) : null, null);
    }

    private static ObjectNode entry(X509Entry entry, boolean withCertificateText) {
        ObjectNode node = JsonBodies.object();
        if (withCertificateText && entry.certificate() != null) {
            node.put("certificate", entry.certificate());
        } else if (entry.info() != null) {
            node.set("info", info(entry.info()));
        }
        return node;
    }

    static ObjectNode info(X509CertificateInfo info) {
        ObjectNode node = JsonBodies.object();
        JsonBodies.putIfPresent(node, "subjectName", info.subjectName());
        JsonBodies.putIfPresent(node, "sha1Thumbprint", info.sha1Thumbprint());
        JsonBodies.putIfPresent(node, "sha256Thumbprint", info.sha256Thumbprint());
        JsonBodies.putIfPresent(node, "issuerName", info.issuerName());
        if (info.notBeforeUtc() != null) {
            node.put("notBeforeUtc", Dates.format(info.notBeforeUtc()));
        }
        if (info.notAfterUtc() != null) {
            node.put("notAfterUtc", Dates.format(info.notAfterUtc()));
        }
        JsonBodies.putIfPresent(node, "serialNumber", info.serialNumber());
        node.put("version", info.version());
        return node;
    }

    /** Lenient: a field of the wrong type is left null (0 for the version), never an error. */
    private static X509CertificateInfo info(ObjectNode node) {
        JsonNode version = node.get("version");
        return new X509CertificateInfo(
                JsonFields.looseText(node, "subjectName"),
                JsonFields.looseText(node, "sha1Thumbprint"),
                JsonFields.looseText(node, "sha256Thumbprint"),
                JsonFields.looseText(node, "issuerName"),
                JsonFields.looseDate(node, "notBeforeUtc"),
                JsonFields.looseDate(node, "notAfterUtc"),
                JsonFields.looseText(node, "serialNumber"),
                version != null && version.isIntegralNumber() && version.canConvertToInt() ? version.intValue() : 0);
    }
}
