package org.opendps.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceConnectionStringTest {
    private static final String KEY = "c2VjcmV0LWtleS13aXRoLXBhZGRpbmc=";

    @Test
    void parses_the_azure_form() {
        ServiceConnectionString cs = ServiceConnectionString.parse(
                "HostName=localhost;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + KEY);

        assertThat(cs).isEqualTo(new ServiceConnectionString("localhost", "provisioningserviceowner", KEY));
    }

    @Test
    void parses_parts_in_any_order_and_case_with_a_trailing_semicolon() {
        ServiceConnectionString cs = ServiceConnectionString.parse(
                " sharedaccesskey=" + KEY + "; HOSTNAME=127.0.0.1:8443 ;SharedAccessKeyName=owner;");

        assertThat(cs.hostName()).isEqualTo("127.0.0.1:8443");
        assertThat(cs.keyName()).isEqualTo("owner");
        assertThat(cs.key()).isEqualTo(KEY);
    }

    @Test
    void keeps_equals_signs_inside_values() {
        assertThat(ServiceConnectionString.parse("HostName=h;SharedAccessKeyName=k;SharedAccessKey=ab==").key())
                .isEqualTo("ab==");
    }

    @Test
    void formats_back_to_what_it_parses() {
        ServiceConnectionString cs = new ServiceConnectionString("localhost", "owner", KEY);

        assertThat(cs.format()).isEqualTo("HostName=localhost;SharedAccessKeyName=owner;SharedAccessKey=" + KEY);
        assertThat(ServiceConnectionString.parse(cs.format())).isEqualTo(cs);
    }

    @Test
    void to_string_leaves_out_the_key() {
        assertThat(new ServiceConnectionString("localhost", "owner", KEY).toString())
                .isEqualTo("HostName=localhost;SharedAccessKeyName=owner").doesNotContain(KEY);
    }

    @Test
    void names_the_missing_part_without_echoing_the_key() {
        assertThatThrownBy(() -> ServiceConnectionString.parse("HostName=h;SharedAccessKey=" + KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The connection string has no SharedAccessKeyName.");
        assertThatThrownBy(() -> ServiceConnectionString.parse("SharedAccessKeyName=k;SharedAccessKey=" + KEY))
                .hasMessage("The connection string has no HostName.");
        assertThatThrownBy(() -> ServiceConnectionString.parse("HostName=h;SharedAccessKeyName=k;SharedAccessKey="))
                .hasMessage("The connection string has no SharedAccessKey.");
        assertThatThrownBy(() -> ServiceConnectionString.parse("HostName=h;SharedAccessKeyName=k;SharedAccessKey"
                + "c2VjcmV0"))
                .hasMessageStartingWith("The connection string has a part that is not Name=value")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> ServiceConnectionString.parse(""))
                .hasMessage("The connection string is empty.");
    }

    @Test
    void rejects_a_part_given_twice() {
        assertThatThrownBy(() -> ServiceConnectionString.parse(
                "HostName=a;hostname=b;SharedAccessKeyName=k;SharedAccessKey=" + KEY))
                .hasMessage("The connection string names HostName twice.");
    }

    @Test
    void ignores_parts_it_does_not_use() {
        assertThat(ServiceConnectionString.parse(
                "HostName=h;DeviceId=x;SharedAccessKeyName=k;SharedAccessKey=" + KEY).hostName()).isEqualTo("h");
    }
}
