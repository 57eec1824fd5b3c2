package org.opendps.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Sessions need a live MQTT endpoint; HubMqttIT covers connected devices end to end. */
class DirectMethodsTest {
    private final HubSessions sessions = new HubSessions();
    private final DirectMethods methods = new DirectMethods(sessions);

    @Test
    void a_device_without_a_session_is_not_online() throws Exception {
        DirectMethods.Result result = methods.invoke("Hub.Example", "dev1", "reboot", "{}", Duration.ofSeconds(1))
                .get(1, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(DirectMethods.Outcome.NOT_ONLINE);
    }

    @Test
    void desired_changes_of_devices_not_connected_go_nowhere() {
        sessions.desiredChanged("hub.example", "dev1", "{\"$version\":2}", 2);
        assertThat(sessions.find("hub.example", "dev1")).isEmpty();
    }
}
