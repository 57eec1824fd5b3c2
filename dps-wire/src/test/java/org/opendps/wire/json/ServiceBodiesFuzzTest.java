package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.fuzz.Refusals.parsedOrRefused;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.query.FilterField;
import org.opendps.core.query.QueryParser;

/**
 * Every body the service API, the built-in hubs' API and the allocation webhook's answer are read from: a value,
 * or a 400 that names what is wrong. The input's first byte picks the reader (seeds start with its letter), the
 * rest is the body; one target for all, so that one short fuzzing run covers them together.
 */
class ServiceBodiesFuzzTest {
    private static final Map<Character, Consumer<byte[]>> READERS = new LinkedHashMap<>();

    static {
        READERS.put('e', ServiceBodiesFuzzTest::enrollmentRoundTrips);
        READERS.put('g', ServiceBodiesFuzzTest::groupRoundTrips);
        READERS.put('b', body -> EnrollmentJson.readEnrollmentBulk(body));
        READERS.put('B', body -> EnrollmentJson.readGroupBulk(body));
        READERS.put('q', body -> QueryParser.parse(EnrollmentJson.readQuery(body), EnumSet.allOf(FilterField.class)));
        READERS.put('a', body -> EnrollmentJson.readAttestationMechanism(body));
        READERS.put('c', body -> CaCertificateJson.readUpload(body));
        READERS.put('v', body -> CaCertificateJson.readVerification(body));
        READERS.put('l', body -> LinkedHubJson.read("hub.example", body));
        READERS.put('p', body -> LinkedHubJson.readAllocationPolicy(body));
        READERS.put('P', body -> PolicyJson.read(body));
        READERS.put('d', body -> DeprovisionJson.readAction(body));
        READERS.put('h', body -> HubRegistryJson.readDevice(body));
        READERS.put('H', body -> HubRegistryJson.readQuery(body));
        READERS.put('m', body -> DirectMethodJson.readCall(body));
        READERS.put('C', body -> CloudToDeviceJson.read(body));
        READERS.put('w', body -> AllocationWebhookJson.readResponse(200, body, List.of("hub.example")));
    }

    @FuzzTest(maxDuration = "10s")
    void every_service_body_reads_or_is_refused_with_400(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Consumer<byte[]> reader = READERS.getOrDefault((char) data[0],
                List.copyOf(READERS.values()).get(Math.floorMod(data[0], READERS.size())));
        byte[] body = Arrays.copyOfRange(data, 1, data.length);
        parsedOrRefused(400, () -> {
            reader.accept(body);
            return body;
        });
    }

    /** What the service reads, it writes back (the CLI's request) and reads again to the same enrollment. */
    private static void enrollmentRoundTrips(byte[] body) {
        Draft<IndividualEnrollment> read = EnrollmentJson.readEnrollment(body);
        Draft<IndividualEnrollment> again =
                EnrollmentJson.readEnrollment(EnrollmentJson.writeEnrollmentRequest(read.item(), read.etag()));
        assertThat(again).isEqualTo(read);
    }

    private static void groupRoundTrips(byte[] body) {
        Draft<EnrollmentGroup> read = EnrollmentJson.readGroup(body);
        Draft<EnrollmentGroup> again =
                EnrollmentJson.readGroup(EnrollmentJson.writeGroupRequest(read.item(), read.etag()));
        assertThat(again).isEqualTo(read);
    }
}
