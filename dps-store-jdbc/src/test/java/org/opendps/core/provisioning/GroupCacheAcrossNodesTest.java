package org.opendps.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.store.jdbc.JdbcStorage;
import org.opendps.testsupport.store.StoreFixtures;

/**
 * Group attestation caches the parsed groups, and a change made on another node sharing the database counts at
 * once: two {@link JdbcStorage}s on one SQLite file stand for two nodes. It sits in core's package, in this module,
 * because the attestation is package-private and core's own tests have no database.
 */
class GroupCacheAcrossNodesTest {
    private static final String SCOPE = "0ne00000A1B";
    private static final String DEVICE = "dev-7";

    @TempDir
    Path directory;
    private JdbcStorage nodeA;
    private JdbcStorage nodeB;
    private DeviceAttestation attestationOnB;

    @BeforeEach
    void open() {
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        nodeA = JdbcStorage.open(url, 2);
        nodeB = JdbcStorage.open(url, 2);
        attestationOnB = new DeviceAttestation(nodeB.enrollments(), nodeB.enrollmentGroups(),
                nodeB.caCertificates(), Clock.systemUTC(), Duration.ofSeconds(30), null);
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void a_group_key_changed_on_another_node_refuses_the_old_key_and_accepts_the_new_at_once() {
        String oldKey = SharedAccessSignatures.generateKey();
        String newKey = SharedAccessSignatures.generateKey();
        EnrollmentGroup group = StoreFixtures.group("line-4", new SymmetricKeyAttestation(oldKey, oldKey));
        assertThat(nodeA.enrollmentGroups().insert(group)).isTrue();
        assertThat(attest(oldKey).enrollmentGroupId()).isEqualTo("line-4"); // cached on B from here

        EnrollmentGroup rekeyed = group.withAttestation(new SymmetricKeyAttestation(newKey, newKey))
                .withRevision(group.revision().next(group.revision().updated()));
        assertThat(nodeA.enrollmentGroups().replace(rekeyed, group.revision().version())).isTrue();

        assertThatThrownBy(() -> attest(oldKey)).isInstanceOf(DpsException.class);
        assertThat(attest(newKey).enrollmentGroupId()).isEqualTo("line-4");
    }

    @Test
    void a_group_deleted_on_another_node_refuses_its_devices_at_once() {
        String key = SharedAccessSignatures.generateKey();
        EnrollmentGroup group = StoreFixtures.group("line-5", new SymmetricKeyAttestation(key, key));
        nodeA.enrollmentGroups().insert(group);
        assertThat(attest(key).enrollmentGroupId()).isEqualTo("line-5");

        assertThat(nodeA.enrollmentGroups().delete("line-5", -1)).isTrue();

        assertThatThrownBy(() -> attest(key)).isInstanceOf(DpsException.class);
    }

    /** A device of the group signs with its derived key, as every SDK does. */
    private AttestedDevice attest(String groupKey) {
        String resource = SCOPE + "/registrations/" + DEVICE;
        long expiry = System.currentTimeMillis() / 1000 + 3600;
        String deviceKey = SharedAccessSignatures.hmac(groupKey, DEVICE);
        SasToken token = new SasToken(resource, SharedAccessSignatures.hmac(deviceKey, resource + "\n" + expiry),
                expiry, "registration");
        return attestationOnB.attest(SCOPE, DEVICE, new DeviceCredential.Sas(token));
    }
}
