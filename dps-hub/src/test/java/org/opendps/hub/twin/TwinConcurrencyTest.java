package org.opendps.hub.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.hub.twin.TwinFixture.DEVICE;
import static org.opendps.hub.twin.TwinFixture.HUB;
import static org.opendps.hub.twin.TwinFixture.json;
import static org.opendps.hub.twin.TwinFixture.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class TwinConcurrencyTest {
    private final TwinFixture hub = new TwinFixture();

    /** A device reporting between the service's read and its write: the store refuses the service's write once. */
    private void deviceReportsMeanwhile(String reported) {
        hub.twins.beforeNextReplace(() -> {
            StoredTwin current = hub.stored();
            ObjectNode patch = (ObjectNode) parse(json(reported));
            hub.twins.force(HUB, TwinDocuments.patchReported(current, patch, hub.clock.instant()).twin());
        });
    }

    @Test
    void a_write_that_meets_a_concurrent_one_is_applied_again_and_loses_neither() {
        hub.service.patchReported(HUB, DEVICE, json("{'boot':1}"));
        deviceReportsMeanwhile("{'fw':'2.0'}");

        JsonNode twin = parse(hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'rate':5}}}"), null));

        assertThat(twin.get("properties").get("desired").get("rate").asInt()).isEqualTo(5);
        assertThat(twin.get("properties").get("reported").get("fw").asText()).isEqualTo("2.0");
        assertThat(twin.get("properties").get("reported").get("$version").asLong()).isEqualTo(3);
        assertThat(hub.notifications).singleElement().satisfies(n -> {
            assertThat(n.version()).isEqualTo(2);
            assertThat(parse(n.json())).isEqualTo(parse(json("{'rate':5,'$version':2}")));
        });
    }

    @Test
    void an_if_match_write_that_meets_a_concurrent_one_fails_412_as_its_etag_is_now_stale() {
        hub.service.patchReported(HUB, DEVICE, json("{'boot':1}"));
        String etag = hub.twin().get("etag").asText();
        deviceReportsMeanwhile("{'fw':'2.0'}");

        assertThatThrownBy(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'rate':5}}}"), etag))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        assertThat(hub.notifications).isEmpty();
    }

    @Test
    void endless_contention_ends_in_503_after_a_bounded_number_of_attempts_and_tells_no_device() {
        hub.service.patchReported(HUB, DEVICE, json("{'n':0}"));
        for (int i = 1; i <= TwinService.MAX_ATTEMPTS; i++) {
            deviceReportsMeanwhile("{'n':" + i + "}");
        }

        assertThatThrownBy(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'rate':5}}}"), null))
                .isInstanceOfSatisfying(DpsException.class, e -> {
                    assertThat(e.error()).isEqualTo(DpsError.SERVICE_UNAVAILABLE);
                    assertThat(e.error().httpStatus()).isEqualTo(503);
                });
        assertThat(hub.notifications).isEmpty();
        assertThat(hub.twin().get("properties").get("desired").has("rate")).isFalse();
    }

    @Test
    void a_failing_listener_does_not_undo_or_fail_the_committed_write() {
        hub.service.addListener((h, d, json, version) -> {
            throw new IllegalStateException("device endpoint down");
        });

        hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'rate':5}}}"), null);

        assertThat(hub.twin().get("properties").get("desired").get("rate").asInt()).isEqualTo(5);
        assertThat(hub.notifications).hasSize(1);
    }
}
