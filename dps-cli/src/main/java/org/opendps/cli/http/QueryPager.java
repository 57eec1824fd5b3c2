package org.opendps.cli.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.output.Json;

/**
 * Runs a service API query to its end: {@code x-ms-max-item-count} asks for a page size, and each page's
 * {@code x-ms-continuation} is sent back until a page comes without one (or enough items are in).
 */
public final class QueryPager {
    static final String PAGE_SIZE = "x-ms-max-item-count";
    static final String CONTINUATION = "x-ms-continuation";

    private QueryPager() {}

    /**
     * @param max stop after this many items; null for all
     * @return each item's JSON, in the server's order
     */
    public static List<byte[]> fetch(ServiceClient client, String path, byte[] body, int pageSize, Integer max) {
        List<byte[]> items = new ArrayList<>();
        String continuation = null;
        do {
            Map<String, String> headers = continuation == null
                    ? Map.of(PAGE_SIZE, String.valueOf(pageSize))
                    : Map.of(PAGE_SIZE, String.valueOf(pageSize), CONTINUATION, continuation);
            ServiceResponse page = client.post(path, body, headers);
            for (byte[] item : Json.elements(page.body())) {
                if (max != null && items.size() >= max) {
                    return items;
                }
                items.add(item);
            }
            String next = page.header(CONTINUATION);
            if (next != null && next.equals(continuation)) {
                throw new CliException(ExitCode.SERVER, "the server sent the same continuation token twice");
            }
            continuation = next == null || next.isEmpty() ? null : next;
        } while (continuation != null && (max == null || items.size() < max));
        return items;
    }
}
