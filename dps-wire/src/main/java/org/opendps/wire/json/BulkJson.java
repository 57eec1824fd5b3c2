package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.opendps.core.enrollment.BulkOperationMode;
import org.opendps.core.enrollment.BulkOperationResult;
import org.opendps.core.enrollment.EnrollmentService.BulkItem;

/** Bulk bodies ({@code {mode, enrollments|enrollmentGroups:[...]}}) and results, for either resource kind. */
final class BulkJson {
    static final String ENROLLMENTS = "enrollments";
    static final String GROUPS = "enrollmentGroups";
    private static final String MODES = "create, update, updateIfMatchETag, delete";

    private BulkJson() {}

    /**
     * @param readItem reads a full item, for every mode but delete
     * @param readId reads only the id, for delete, where clients need not send a whole enrollment
     */
    static <T> BulkRequest<T> read(byte[] body, String itemsField, Function<JsonFields, T> readItem,
            Function<JsonFields, T> readId) {
        JsonFields root = JsonFields.root(JsonBodies.parseObject(body));
        BulkOperationMode mode = root.enumValue("mode", BulkOperationMode::fromWireName, MODES);
        if (mode == null) {
            throw root.invalid("mode", "required; one of " + MODES);
        }
        List<BulkItem<T>> items = new ArrayList<>();
        for (JsonFields item : root.requiredObjects(itemsField)) {
            T value = mode == BulkOperationMode.DELETE ? readId.apply(item) : readItem.apply(item);
            items.add(new BulkItem<>(value, item.nonEmptyText(RevisionJson.ETAG)));
        }
        return new BulkRequest<>(mode, items);
    }

    static <T> byte[] write(BulkRequest<T> request, String itemsField, Function<BulkItem<T>, ObjectNode> writeItem) {
        ObjectNode node = JsonBodies.object();
        node.put("mode", request.mode().wireName());
        ArrayNode items = node.putArray(itemsField);
        request.items().forEach(item -> items.add(writeItem.apply(item)));
        return JsonBodies.toBytes(node);
    }

    /** Java's SDK throws on a result without {@code errors}, so the array is there even when empty. */
    static byte[] writeResult(BulkOperationResult result, boolean groups) {
        ObjectNode node = JsonBodies.object();
        node.put("isSuccessful", result.isSuccessful());
        ArrayNode errors = node.putArray("errors");
        for (BulkOperationResult.ItemError error : result.errors()) {
            errors.addObject()
                    .put(idField(groups), error.id())
                    .put("errorCode", error.errorCode())
                    .put("errorStatus", error.errorStatus());
        }
        return JsonBodies.toBytes(node);
    }

    static BulkOperationResult readResult(byte[] body) {
        JsonFields root = JsonFields.root(JsonBodies.parseObject(body));
        List<BulkOperationResult.ItemError> errors = new ArrayList<>();
        for (JsonFields error : root.objects("errors")) {
            String id = error.has(IndividualEnrollmentJson.ID)
                    ? error.text(IndividualEnrollmentJson.ID) : error.text(EnrollmentGroupJson.ID);
            Integer code = error.integer("errorCode");
            errors.add(new BulkOperationResult.ItemError(id, code == null ? 0 : code, error.text("errorStatus")));
        }
        return new BulkOperationResult(root.bool("isSuccessful", errors.isEmpty()), errors);
    }

    private static String idField(boolean groups) {
        return groups ? EnrollmentGroupJson.ID : IndividualEnrollmentJson.ID;
    }
}
