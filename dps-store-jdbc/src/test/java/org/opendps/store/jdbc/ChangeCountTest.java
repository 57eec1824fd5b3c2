package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.testsupport.store.StoreFixtures;

/**
 * The stores nodes cache from count their writes, in the transaction of the write, so that another node on the same
 * database sees the count move at once; the other stores keep no count.
 */
class ChangeCountTest {
    @TempDir
    Path directory;

    @Test
    void every_group_write_moves_the_count_another_node_reads_and_a_refused_write_does_not() {
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        try (JdbcStorage writer = JdbcStorage.open(url, 2); JdbcStorage reader = JdbcStorage.open(url, 2)) {
            long start = reader.enrollmentGroups().changeCount().orElseThrow();
            EnrollmentGroup group = StoreFixtures.group("g-1");

            writer.enrollmentGroups().insert(group);
            assertThat(reader.enrollmentGroups().changeCount()).hasValue(start + 1);
            writer.enrollmentGroups().insert(group); // taken: nothing written
            writer.enrollmentGroups().replace(group, 99); // stale version: nothing written
            assertThat(reader.enrollmentGroups().changeCount()).hasValue(start + 1);
            writer.enrollmentGroups().replace(group.withRevision(group.revision().next(group.revision().updated())),
                    group.revision().version());
            assertThat(reader.enrollmentGroups().changeCount()).hasValue(start + 2);
            writer.enrollmentGroups().delete("g-1", -1);
            assertThat(reader.enrollmentGroups().changeCount()).hasValue(start + 3);
        }
    }

    @Test
    void ca_certificate_writes_are_counted_apart_from_groups_and_enrollments_not_at_all() {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"), 2)) {
            long groups = storage.enrollmentGroups().changeCount().orElseThrow();
            long cas = storage.caCertificates().changeCount().orElseThrow();

            storage.caCertificates().insert(StoreFixtures.caCertificate("root-1"));

            assertThat(storage.caCertificates().changeCount()).hasValue(cas + 1);
            assertThat(storage.enrollmentGroups().changeCount()).hasValue(groups);
            assertThat(storage.enrollments().changeCount()).isEqualTo(OptionalLong.empty());
        }
    }
}
