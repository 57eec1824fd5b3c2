package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendps.core.enrollment.BulkOperationMode;
import org.opendps.core.enrollment.BulkOperationResult;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentService.BulkItem;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.NoAttestation;

class BulkJsonTest {

    @ParameterizedTest
    @CsvSource({"create, CREATE", "Create, CREATE", "update, UPDATE", "updateIfMatchETag, UPDATE_IF_MATCH_ETAG",
            "updateIfMatchEtag, UPDATE_IF_MATCH_ETAG", "UpdateIfMatchETag, UPDATE_IF_MATCH_ETAG", "delete, DELETE",
            "DELETE, DELETE"})
    void read_bulk_parses_mode_in_any_case(String wire, BulkOperationMode mode) {
        BulkRequest<IndividualEnrollment> bulk = EnrollmentJson.readEnrollmentBulk(json("{'mode':'" + wire + "',"
                + "'enrollments':[{'registrationId':'d','attestation':{'type':'none'}}]}"));

        assertThat(bulk.mode()).isEqualTo(mode);
    }

    @Test
    void read_bulk_keeps_each_items_etag() {
        BulkRequest<IndividualEnrollment> bulk = EnrollmentJson.readEnrollmentBulk(json("{'mode':'updateIfMatchETag',"
                + "'enrollments':[{'registrationId':'a','attestation':{'type':'none'},'etag':'e-1'},"
                + "{'registrationId':'b','attestation':{'type':'symmetricKey'}}]}"));

        assertThat(bulk.items()).extracting(BulkItem::etag).containsExactly("e-1", null);
        assertThat(bulk.items()).extracting(item -> item.item().registrationId()).containsExactly("a", "b");
    }

    @Test
    void read_bulk_delete_needs_only_ids() {
        BulkRequest<EnrollmentGroup> bulk = EnrollmentJson.readGroupBulk(json("{'mode':'delete',"
                + "'enrollmentGroups':[{'enrollmentGroupId':'g','etag':'e-2'}]}"));

        assertThat(bulk.items()).containsExactly(new BulkItem<>(
                new EnrollmentGroup("g", new NoAttestation(), EnrollmentSettings.DEFAULTS, null), "e-2"));
    }

    @Test
    void read_bulk_rejects_unknown_mode() {
        assertInvalidField(() -> EnrollmentJson.readEnrollmentBulk(json("{'mode':'upsert','enrollments':[]}")),
                "mode", "must be one of create, update, updateIfMatchETag, delete");
        assertInvalidField(() -> EnrollmentJson.readEnrollmentBulk(json("{'enrollments':[]}")),
                "mode", "required; one of create, update, updateIfMatchETag, delete");
    }

    @Test
    void read_bulk_requires_the_items_array() {
        assertInvalidField(() -> EnrollmentJson.readEnrollmentBulk(json("{'mode':'create'}")),
                "enrollments", "required");
        assertInvalidField(() -> EnrollmentJson.readGroupBulk(json("{'mode':'create','enrollments':[]}")),
                "enrollmentGroups", "required");
        assertInvalidField(() -> EnrollmentJson.readEnrollmentBulk(json("{'mode':'create','enrollments':{}}")),
                "enrollments", "must be an array");
    }

    @Test
    void read_bulk_names_the_failing_item_by_index() {
        assertInvalidField(() -> EnrollmentJson.readEnrollmentBulk(json("{'mode':'create','enrollments':["
                + "{'registrationId':'a','attestation':{'type':'none'}},{'registrationId':'b','attestation':"
                + "{'type':'tpm','tpm':{}}}]}")), "enrollments[1].attestation.tpm.endorsementKey", "required");
        assertInvalidField(() -> EnrollmentJson.readEnrollmentBulk(json("{'mode':'create','enrollments':['a']}")),
                "enrollments[0]", "must be an object");
    }

    @Test
    void bulk_result_always_has_errors_array() {
        JsonNode json = tree(EnrollmentJson.writeBulkResult(new BulkOperationResult(true, List.of()), false));

        assertThat(json.toString()).isEqualTo("{\"isSuccessful\":true,\"errors\":[]}");
    }

    @Test
    void bulk_result_errors_name_the_item_by_its_kind_of_id() {
        BulkOperationResult result = new BulkOperationResult(false,
                List.of(new BulkOperationResult.ItemError("d-1", 409201, "already exists")));

        assertThat(tree(EnrollmentJson.writeBulkResult(result, false)).get("errors").toString())
                .isEqualTo("[{\"registrationId\":\"d-1\",\"errorCode\":409201,\"errorStatus\":\"already exists\"}]");
        assertThat(tree(EnrollmentJson.writeBulkResult(result, true)).at("/errors/0/enrollmentGroupId").asText())
                .isEqualTo("d-1");
        assertThat(EnrollmentJson.readBulkResult(EnrollmentJson.writeBulkResult(result, true))).isEqualTo(result);
    }

    @Test
    void bulk_request_reads_back() {
        IndividualEnrollment e = new IndividualEnrollment("d", null, new NoAttestation(),
                Fixtures.FULL_SETTINGS, null, null);
        BulkRequest<IndividualEnrollment> sent =
                new BulkRequest<>(BulkOperationMode.UPDATE_IF_MATCH_ETAG, List.of(new BulkItem<>(e, "\"x-1\"")));

        byte[] body = EnrollmentJson.writeEnrollmentBulk(sent);

        assertThat(tree(body).get("mode").asText()).isEqualTo("updateIfMatchETag");
        assertThat(EnrollmentJson.readEnrollmentBulk(body)).isEqualTo(sent);
    }

    @Test
    void read_query_takes_the_query_text() {
        assertThat(EnrollmentJson.readQuery(json("{'query':'SELECT *'}"))).isEqualTo("SELECT *");
        assertThat(EnrollmentJson.readQuery(EnrollmentJson.writeQuery("select * from enrollments")))
                .isEqualTo("select * from enrollments");
    }

    @Test
    void read_query_rejects_missing_or_non_string_query() {
        assertInvalidField(() -> EnrollmentJson.readQuery(json("{}")), "query", "required");
        assertInvalidField(() -> EnrollmentJson.readQuery(json("{'query':['SELECT *']}")), "query", "must be a string");
    }
}
