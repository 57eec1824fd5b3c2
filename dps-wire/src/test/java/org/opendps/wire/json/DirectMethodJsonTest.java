package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;

import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.wire.json.DirectMethodJson.MethodCall;

/** The body of {@code POST /twins/{id}/methods}, with Azure's timeout ranges. */
class DirectMethodJsonTest {

    @Test
    void a_full_call_reads_with_its_payload_as_json_text() {
        MethodCall call = DirectMethodJson.readCall(json("{'methodName':'reboot','payload':{'delay':5},"
                + "'responseTimeoutInSeconds':60,'connectTimeoutInSeconds':10}"));

        assertThat(call).isEqualTo(new MethodCall("reboot", new JsonText("{\"delay\":5}"), 60, 10));
    }

    @Test
    void absent_payload_and_timeouts_take_azures_defaults() {
        assertThat(DirectMethodJson.readCall(json("{'methodName':'ping'}")))
                .isEqualTo(new MethodCall("ping", new JsonText("null"), 30, 0));
        assertThat(DirectMethodJson.readCall(json("{'methodName':'ping','payload':'text'}")).payload())
                .isEqualTo(new JsonText("\"text\""));
    }

    @Test
    void method_name_is_required_and_timeouts_stay_in_range() {
        assertInvalidField(() -> DirectMethodJson.readCall(json("{'payload':1}")), "methodName", "required");
        assertInvalidField(() -> DirectMethodJson.readCall(json("{'methodName':'m','responseTimeoutInSeconds':4}")),
                "responseTimeoutInSeconds", "must be between 5 and 300 seconds");
        assertInvalidField(() -> DirectMethodJson.readCall(json("{'methodName':'m','connectTimeoutInSeconds':301}")),
                "connectTimeoutInSeconds", "must be between 0 and 300 seconds");
        assertInvalidField(() -> DirectMethodJson.readCall(json("{'methodName':'m','responseTimeoutInSeconds':'9'}")),
                "responseTimeoutInSeconds", "must be an integer");
    }
}
