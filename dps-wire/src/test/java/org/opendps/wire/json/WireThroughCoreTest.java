package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.EnrollmentService;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.query.Filter;
import org.opendps.core.store.VersionedStore;

/** The codecs and the core together, as the server will use them, with the request bodies the clients send. */
class WireThroughCoreTest {
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
    private final EnrollmentService service =
            new EnrollmentService(new Enrollments(), new Groups(), clock);

    @Test
    void java_symmetric_key_create_gets_generated_keys_shown_only_by_the_attestation_mechanism() {
        Draft<IndividualEnrollment> draft = EnrollmentJson.readEnrollment(json("{'registrationId':'java-1',"
                + "'attestation':{'type':'symmetricKey','symmetricKey':{'primaryKey':'','secondaryKey':''}},"
                + "'capabilities':{'iotEdge':false},'provisioningStatus':'enabled'}"));

        IndividualEnrollment stored = service.putEnrollment("java-1", draft.item(), null);
        JsonNode get = tree(EnrollmentJson.writeEnrollment(stored, null));
        JsonNode mechanism = tree(EnrollmentJson.writeAttestationMechanism(stored.attestation()));

        assertThat(get.get("attestation").toString()).isEqualTo("{\"type\":\"symmetricKey\"}");
        assertThat(get.get("etag").asText()).startsWith("\"");
        assertThat(mechanism.at("/symmetricKey/primaryKey").asText()).hasSizeGreaterThan(80);
        assertThat(mechanism.at("/symmetricKey/secondaryKey").asText()).hasSizeGreaterThan(80);
    }

    @Test
    void cli_update_that_puts_back_the_get_output_keeps_the_keys() {
        IndividualEnrollment created = service.putEnrollment("dev-1", EnrollmentJson.readEnrollment(json(
                "{'registrationId':'dev-1','attestation':{'type':'symmetricKey'}}")).item(), null);
        String keys = ((SymmetricKeyAttestation) created.attestation()).primaryKey();

        byte[] getOutput = EnrollmentJson.writeEnrollment(created, null);
        Draft<IndividualEnrollment> sentBack = EnrollmentJson.readEnrollment(getOutput);
        IndividualEnrollment updated = service.putEnrollment("dev-1", sentBack.item(), sentBack.etag());

        assertThat(((SymmetricKeyAttestation) updated.attestation()).primaryKey()).isEqualTo(keys);
        assertThat(updated.revision().version()).isEqualTo(2);
    }

    @Test
    void group_bulk_create_reports_each_failure_by_group_id() {
        BulkRequest<EnrollmentGroup> bulk = EnrollmentJson.readGroupBulk(json("{'mode':'create','enrollmentGroups':["
                + "{'enrollmentGroupId':'g-1','attestation':{'type':'symmetricKey'}},"
                + "{'enrollmentGroupId':'g-1','attestation':{'type':'symmetricKey'}}]}"));

        JsonNode result = tree(EnrollmentJson.writeBulkResult(service.bulkGroups(bulk.mode(), bulk.items()), true));

        assertThat(result.get("isSuccessful").asBoolean()).isFalse();
        assertThat(result.at("/errors/0/enrollmentGroupId").asText()).isEqualTo("g-1");
        assertThat(result.at("/errors/0/errorCode").asInt()).isEqualTo(409201);
    }

    private static final class Enrollments extends MapStore<IndividualEnrollment> implements EnrollmentStore {}

    private static final class Groups extends MapStore<EnrollmentGroup> implements EnrollmentGroupStore {}

    /** Just enough of a store for the service's write rules; filters are ignored. */
    private abstract static class MapStore<T extends Versioned<T>> implements VersionedStore<T> {
        private final TreeMap<String, T> items = new TreeMap<>();

        @Override
        public Optional<T> find(String id) {
            return Optional.ofNullable(items.get(key(id)));
        }

        @Override
        public boolean insert(T item) {
            return items.putIfAbsent(key(item.id()), item) == null;
        }

        @Override
        public boolean replace(T item, long expectedVersion) {
            T current = items.get(key(item.id()));
            if (current == null || current.revision().version() != expectedVersion) {
                return false;
            }
            items.put(key(item.id()), item);
            return true;
        }

        @Override
        public boolean delete(String id, long expectedVersion) {
            T current = items.get(key(id));
            if (current == null || expectedVersion >= 0 && current.revision().version() != expectedVersion) {
                return false;
            }
            items.remove(key(id));
            return true;
        }

        @Override
        public List<T> query(Filter filter, String afterId, int limit) {
            List<T> out = new ArrayList<>(
                    afterId == null ? items.values() : items.tailMap(afterId, false).values());
            return out.subList(0, Math.min(limit, out.size()));
        }

        @Override
        public long count() {
            return items.size();
        }

        private static String key(String id) {
            return id.toLowerCase(Locale.ROOT);
        }
    }
}
