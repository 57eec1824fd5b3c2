package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.enrollment.X509Certificates;

/**
 * CA certificates in ARM's shape ({@code CertificateResponse}): {@code {id, name, type, etag, properties:{subject,
 * expiry, thumbprint, isVerified, certificate, created, updated, verificationCode?}}}, dates in RFC 1123 (as ARM's
 * examples show: {@code Sat, 31 Dec 2039 23:59:59 GMT}), the thumbprint as upper-case SHA-1; lists as
 * {@code {"value": [...]}}. The verification code is written only in the answer that generated it, as ARM does.
 */
public final class CaCertificateJson {
    static final String TYPE = "Microsoft.Devices/provisioningServices/Certificates";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /** An upload: the certificate as sent (PEM or base64 DER), and whether the uploader vouches for it. */
    public record Upload(String certificate, boolean verified) {}

    /** What a client shows of a certificate. */
    public record Summary(String name, String subject, String thumbprint, String expiry, boolean verified,
            String etag, String verificationCode) {}

    private CaCertificateJson() {}

    /** ARM's {@code {"properties":{"certificate", "isVerified"}}}; the same fields at the top level are taken too. */
    public static Upload readUpload(byte[] body) {
        JsonFields fields = properties(JsonFields.root(JsonBodies.parseObject(body)));
        return new Upload(fields.requiredText("certificate"), fields.bool("isVerified", false));
    }

    /** ARM's {@code {"certificate": "..."}} of a verification request. */
    public static String readVerification(byte[] body) {
        return properties(JsonFields.root(JsonBodies.parseObject(body))).requiredText("certificate");
    }

    public static byte[] write(CaCertificate certificate, boolean withCode) {
        return JsonBodies.toBytes(node(certificate, withCode));
    }

    public static byte[] writeList(List<CaCertificate> certificates) {
        ObjectNode node = JsonBodies.object();
        ArrayNode values = node.putArray("value");
        certificates.forEach(certificate -> values.add(node(certificate, false)));
        return JsonBodies.toBytes(node);
    }

    /** For clients: the body of an upload. */
    public static byte[] writeUpload(String certificate, boolean verified) {
        ObjectNode node = JsonBodies.object();
        node.putObject("properties").put("certificate", certificate).put("isVerified", verified);
        return JsonBodies.toBytes(node);
    }

    /** For clients: the body of a verification. */
    public static byte[] writeVerification(String certificate) {
        ObjectNode node = JsonBodies.object();
        node.put("certificate", certificate);
        return JsonBodies.toBytes(node);
    }

    public static Summary readSummary(byte[] body) {
        return summary(JsonFields.root(JsonBodies.parseObject(body)));
    }

    public static List<Summary> readSummaries(byte[] body) {
        return JsonFields.root(JsonBodies.parseObject(body)).requiredObjects("value").stream()
                .map(CaCertificateJson::summary).toList();
    }

    private static ObjectNode node(CaCertificate certificate, boolean withCode) {
        ObjectNode node = JsonBodies.object();
        node.put("id", "/certificates/" + certificate.name());
        node.put("name", certificate.name());
        node.put("type", TYPE);
        RevisionJson.writeEtag(node, certificate.revision());
        ObjectNode properties = node.putObject("properties");
        X509CertificateInfo info = X509Certificates.info(certificate.x509());
        properties.put("subject", info.subjectName());
        properties.put("expiry", rfc1123(info.notAfterUtc()));
        properties.put("thumbprint", info.sha1Thumbprint());
        properties.put("isVerified", certificate.verified());
        properties.put("certificate", certificate.certificate());
        if (certificate.revision() != null) {
            properties.put("created", rfc1123(certificate.revision().created()));
            properties.put("updated", rfc1123(certificate.revision().updated()));
        }
        if (withCode && certificate.verificationCode() != null) {
            properties.put("verificationCode", certificate.verificationCode());
        }
        return node;
    }

    private static Summary summary(JsonFields fields) {
        JsonFields properties = fields.object("properties");
        if (properties == null) {
            throw fields.invalid("properties", "required");
        }
        JsonNode etag = fields.node().get("etag");
        return new Summary(fields.requiredText("name"), properties.text("subject"), properties.text("thumbprint"),
                properties.text("expiry"), properties.bool("isVerified", false),
                etag != null && etag.isTextual() ? etag.textValue() : null, properties.text("verificationCode"));
    }

    private static JsonFields properties(JsonFields root) {
        JsonFields properties = root.object("properties");
        return properties != null && !root.has("certificate") ? properties : root;
    }

    private static String rfc1123(Instant instant) {
        return RFC_1123.format(instant);
    }
}
