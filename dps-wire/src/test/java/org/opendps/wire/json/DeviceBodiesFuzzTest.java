package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.fuzz.Refusals.parsedOrRefused;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any body a device sends to register or poll (a symmetric-key, X.509 or TPM device's, with its custom payload):
 * the fields it names, or a 400. What is read keeps its shape: a registration ID or TPM key is never blank.
 */
class DeviceBodiesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void any_device_registration_body_reads_or_is_refused_with_400(byte[] body) {
        parsedOrRefused(400, () -> DeviceRegistrationJson.readOptionalRequest(body)).ifPresent(read -> {
            assertThat(read.registrationId()).satisfiesAnyOf(id -> assertThat(id).isNull(),
                    id -> assertThat(id).isNotEmpty());
            assertThat(read.tpmEndorsementKey()).satisfiesAnyOf(key -> assertThat(key).isNull(),
                    key -> assertThat(key).isNotEmpty());
            if (read.payload() != null) {
                assertThat(JsonBodies.tryParse(read.payload().json())).as("the payload is kept as JSON").isNotNull();
            }
        });
    }
}
