package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.security.SharedAccessSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #9, crash safety: {@code opendps serve} as a process, devices registering without pause, SIGKILL at random
 * moments and a restart on the same data, then a SIGTERM under load, which must end the process within 10 s. No
 * device told {@code assigned} may lose its registration, its hub identity, or get another identity when it
 * registers again, and no device may ever be answered 500 or more. {@code -Dopendps.crash.kills=N} kills more
 * often than the default (longer runs).
 */
class CrashSafetyIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrashSafetyIT.class);
    private static final int KILLS = Integer.getInteger("opendps.crash.kills", 2);
    private static final int CONCURRENT_DEVICES = 8;
    private static final long SEED = Long.getLong("opendps.crash.seed", new SecureRandom().nextLong());

    @TempDir
    Path temp;

    @Test
    void on_sqlite_no_assigned_registration_is_lost_to_sigkill_or_sigterm() throws Exception {
        survivesKills(ServeProcess.onFreePorts(temp.resolve("sqlite")), "sqlite");
    }

    @Test
    void on_postgresql_no_assigned_registration_is_lost_to_sigkill_or_sigterm() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("crash")) {
            survivesKills(ServeProcess.onFreePorts(temp.resolve("postgresql"), "--database-url", database.url()),
                    "postgresql");
        }
    }

    /** Ports stay fixed across restarts, so that devices find the node where it was. */
    private static void survivesKills(ServeProcess node, String label) throws Exception {
        Random random = new Random(SEED);
        try (node) {
            node.start();
            String groupKey = enrollGroup(node.client());
            X509Certificate ca = Pem.readCertificates(Files.readString(Path.of(node.info().caCertificate()))).get(0);
            try (DeviceFleet fleet = DeviceFleet.start(List.of(node.httpsPort()), ca, node.info().idScope(),
                    groupKey, "crash-", CONCURRENT_DEVICES)) {
                for (int kill = 0; kill < KILLS; kill++) {
                    underLoad(fleet, random);
                    node.kill();
                    node.start();
                }
                underLoad(fleet, random);
                node.stop(); // SIGTERM under load: asserts the exit within 10 s
                node.start();
                assertThat(fleet.finish(Duration.ofSeconds(60))).as("every device ended").isTrue();

                assertThat(fleet.serverErrors()).as("answers of 500 or more; the node logged:%n%s",
                        String.join("\n", node.errors())).isEmpty();
                RegistrationAudit.assertNothingLost(node.client(), fleet);
                LOG.info("Crash safety on {} (seed {}): {} SIGKILLs and 1 SIGTERM survived, {} devices, {} assigned, "
                        + "{} failed attempts retried, 0 answers of 500 or more, 0 lost, 0 duplicate identities",
                        label, SEED, KILLS, fleet.devicesStarted(), fleet.assigned().size(), fleet.failedAttempts());
                LOG.info("What devices saw meanwhile: {}; the node's startups took {}", fleet.failures(),
                        node.startups());
                assertThat(fleet.assigned()).as("devices were assigned between the kills").hasSizeGreaterThan(KILLS);
            }
            node.stop();
        }
    }

    /** Returns at a random moment once devices are being assigned again (a restarted JVM is slow at first). */
    private static void underLoad(DeviceFleet fleet, Random random) throws InterruptedException {
        fleet.awaitAssignments(1 + random.nextInt(CONCURRENT_DEVICES), Duration.ofSeconds(30));
        Thread.sleep(random.nextInt(300));
    }

    private static String enrollGroup(RemoteServer service) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        HttpResponse<String> group = service.send("PUT", "/enrollmentGroups/crash?api-version=2021-10-01",
                "{\"enrollmentGroupId\":\"crash\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":"
                        + "{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\"" + key + "\"}}}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
        return key;
    }
}
