package org.opendps.core.enrollment;

import java.util.List;

/** The outcome of a bulk operation: successful when no item failed; one error per failed item. */
public record BulkOperationResult(boolean isSuccessful, List<ItemError> errors) {
    public BulkOperationResult {
        errors = List.copyOf(errors);
    }

    /** @param id the registration ID or enrollment group ID of the failed item */
    public record ItemError(String id, int errorCode, String errorStatus) {}
}
