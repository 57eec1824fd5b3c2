package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.Revision;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** Test data and a plain JSON reader for asserting on exact output shapes. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant CREATED = Instant.parse("2024-03-01T10:15:30.1234567Z");
    static final Instant UPDATED = Instant.parse("2024-03-02T11:00:00Z");
    static final Revision REVISION = new Revision(3, CREATED, UPDATED);
    static final String PRIMARY_KEY = key(0);
    static final String SECONDARY_KEY = key(100);
    static final X509CertificateInfo INFO = new X509CertificateInfo("CN=device-1, O=Test", "0A1B", "C0FFEE",
            "CN=Test Root", Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2034-01-01T00:00:00Z"), "01F3", 3);

    /** Every setting away from its default. */
    static final EnrollmentSettings FULL_SETTINGS = new EnrollmentSettings(true, "hub-0.example.net",
            new JsonText("{\"tags\":{\"floor\":3},\"properties\":{\"desired\":{\"rate\":1.50}}}"),
            ProvisioningStatus.DISABLED, new ReprovisionPolicy(false, true), AllocationPolicy.CUSTOM,
            List.of("hub-1.example.net", "hub-2.example.net"),
            new CustomAllocationDefinition("https://hooks.example.net/allocate?code=x", "2021-10-01"));

    private Fixtures() {}

    /** 64 bytes counting up from {@code first}, base64: the size of key Azure generates. */
    static String key(int first) {
        byte[] key = new byte[64];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        return Base64.getEncoder().encodeToString(key);
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Single quotes stand for double quotes, so that JSON in tests stays readable. */
    static byte[] json(String singleQuoted) {
        return bytes(singleQuoted.replace('\'', '"'));
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DpsException the call throws; fails the test when it throws nothing or something else. */
    static DpsException failure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(DpsException.class);
        return (DpsException) thrown;
    }

    /** The call fails with a 400 INVALID_FIELD whose message names the field (full path) and the problem. */
    static void assertInvalidField(ThrowingCallable call, String field, String problem) {
        DpsException e = failure(call);
        assertThat(e.error()).isEqualTo(DpsError.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("Invalid field '" + field + "': " + problem);
    }

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
