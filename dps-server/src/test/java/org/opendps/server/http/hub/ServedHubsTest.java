package org.opendps.server.http.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hub a Host header names, as clients send it. */
class ServedHubsTest {

    @Test
    void port_case_and_a_trailing_dot_are_set_aside() {
        assertThat(ServedHubs.hostName("localhost:8443")).isEqualTo("localhost");
        assertThat(ServedHubs.hostName("Hub-1.Example.NET")).isEqualTo("hub-1.example.net");
        assertThat(ServedHubs.hostName("hub-1.example.net.:443")).isEqualTo("hub-1.example.net");
        assertThat(ServedHubs.hostName("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(ServedHubs.hostName("[::1]:8443")).isEqualTo("::1");
    }

    @Test
    void no_host_is_null() {
        assertThat(ServedHubs.hostName(null)).isNull();
        assertThat(ServedHubs.hostName(" ")).isNull();
        assertThat(ServedHubs.hostName(":8443")).isNull();
        assertThat(ServedHubs.hostName("[]")).isNull();
        assertThat(ServedHubs.hostName("a".repeat(300))).isNull();
    }
}
