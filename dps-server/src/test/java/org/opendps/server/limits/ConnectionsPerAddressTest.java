package org.opendps.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

    @Test
    void the_connection_past_the_cap_is_refused_and_a_closed_one_frees_its_place() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(2);
        assertThat(cap.tryOpen("10.0.0.1")).isTrue();
        assertThat(cap.tryOpen("10.0.0.1")).isTrue();
        assertThat(cap.tryOpen("10.0.0.1")).isFalse();
        assertThat(cap.tryOpen("10.0.0.2")).as("another address").isTrue();
        cap.closed("10.0.0.1");
        assertThat(cap.tryOpen("10.0.0.1")).isTrue();
    }

    @Test
    void an_address_is_forgotten_when_its_last_connection_closes() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(5);
        cap.tryOpen("10.0.0.1");
        cap.closed("10.0.0.1");
        cap.closed("10.0.0.1"); // a close reported twice does not go below zero
        assertThat(cap.openConnections("10.0.0.1")).isZero();
        assertThat(cap.tryOpen("10.0.0.1")).isTrue();
        assertThat(cap.openConnections("10.0.0.1")).isEqualTo(1);
    }

    @Test
    void a_cap_of_zero_admits_everyone() {
        ConnectionsPerAddress none = new ConnectionsPerAddress(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.tryOpen("10.0.0.1")).isTrue();
        }
    }
}
