package org.opendps.server.http.service;

import org.opendps.core.query.Page;
import org.opendps.server.http.ApiResponse;

/** Query pages as the clients read them: the item type always, the continuation only while more pages follow. */
final class QueryResponses {
    private QueryResponses() {}

    static ApiResponse page(Page<?> page, String itemType, byte[] body) {
        ApiResponse response = ApiResponse.ok(body).withHeader("x-ms-item-type", itemType);
        // Java and Node loop while the header is present, so the last page must not carry it at all.
        return page.continuation() == null ? response : response.withHeader("x-ms-continuation", page.continuation());
    }
}
