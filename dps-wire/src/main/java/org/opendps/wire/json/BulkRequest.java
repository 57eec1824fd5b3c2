package org.opendps.wire.json;

import java.util.List;
import org.opendps.core.enrollment.BulkOperationMode;
import org.opendps.core.enrollment.EnrollmentService;

/** A bulk operation body: its mode and its items, each with the etag it carried. */
public record BulkRequest<T>(BulkOperationMode mode, List<EnrollmentService.BulkItem<T>> items) {
    public BulkRequest {
        items = List.copyOf(items);
    }
}
