package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.SECONDARY_KEY;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;

class PolicyJsonTest {
    private static final SharedAccessPolicy READER = new SharedAccessPolicy("reader", PRIMARY_KEY, SECONDARY_KEY,
            EnumSet.of(AccessRight.ENROLLMENT_READ, AccessRight.REGISTRATION_STATUS_READ));

    @Test
    void reads_arm_comma_separated_rights() {
        SharedAccessPolicy policy = PolicyJson.read(json("{'keyName':'reader','rights':"
                + "'EnrollmentRead, RegistrationStatusRead'}"));

        assertThat(policy.rights()).containsExactlyInAnyOrder(AccessRight.ENROLLMENT_READ,
                AccessRight.REGISTRATION_STATUS_READ);
        assertThat(policy.primaryKey()).isEmpty();
        assertThat(policy.secondaryKey()).isEmpty();
    }

    @Test
    void reads_rights_as_an_array_in_any_case() {
        SharedAccessPolicy policy = PolicyJson.read(json("{'keyName':'admin','primaryKey':'" + PRIMARY_KEY + "',"
                + "'rights':['serviceconfig','EnrollmentWrite']}"));

        assertThat(policy.rights()).isEqualTo(Set.of(AccessRight.SERVICE_CONFIG, AccessRight.ENROLLMENT_WRITE));
        assertThat(policy.primaryKey()).isEqualTo(PRIMARY_KEY);
    }

    @Test
    void rejects_unknown_rights() {
        assertInvalidField(() -> PolicyJson.read(json("{'keyName':'p','rights':'EnrollmentRead, Superuser'}")),
                "rights", "unknown right 'Superuser'; rights are ServiceConfig, EnrollmentRead, EnrollmentWrite, "
                        + "DeviceConnect, RegistrationStatusRead, RegistrationStatusWrite");
        assertInvalidField(() -> PolicyJson.read(json("{'keyName':'p','rights':['<script>']}")),
                "rights", "an unknown right; rights are ServiceConfig, EnrollmentRead, EnrollmentWrite, "
                        + "DeviceConnect, RegistrationStatusRead, RegistrationStatusWrite");
        assertInvalidField(() -> PolicyJson.read(json("{'rights':'EnrollmentRead'}")), "keyName", "required");
    }

    @Test
    void writes_keys_and_arm_rights() {
        assertThat(tree(PolicyJson.write(READER)).toString()).isEqualTo("{\"keyName\":\"reader\",\"primaryKey\":\""
                + PRIMARY_KEY + "\",\"secondaryKey\":\"" + SECONDARY_KEY + "\","
                + "\"rights\":\"EnrollmentRead, RegistrationStatusRead\"}");
    }

    @Test
    void list_reads_back_in_arm_form_and_as_a_bare_array() {
        byte[] list = PolicyJson.writeList(List.of(READER));

        assertThat(tree(list).get("value").isArray()).isTrue();
        assertThat(PolicyJson.readList(list)).containsExactly(READER);
        assertThat(PolicyJson.readList(("[" + new String(PolicyJson.write(READER)) + "]").getBytes()))
                .containsExactly(READER);
    }
}
