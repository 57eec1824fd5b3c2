package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.opendps.core.enrollment.Revision;

/** The read-only {@code etag}, {@code createdDateTimeUtc} and {@code lastUpdatedDateTimeUtc} of a resource. */
final class RevisionJson {
    static final String ETAG = "etag";
    static final String CREATED = "createdDateTimeUtc";
    static final String UPDATED = "lastUpdatedDateTimeUtc";

    private RevisionJson() {}

    static void writeEtag(ObjectNode node, Revision revision) {
        if (revision != null) {
            node.put(ETAG, revision.etag());
        }
    }

    static void writeCreated(ObjectNode node, Revision revision) {
        if (revision != null) {
            node.put(CREATED, Dates.format(revision.created()));
        }
    }

    static void writeUpdated(ObjectNode node, Revision revision) {
        if (revision != null) {
            node.put(UPDATED, Dates.format(revision.updated()));
        }
    }

    /**
     * The revision behind what the service wrote, so that a client (the CLI) reading a response keeps its dates;
     * null unless the etag is exactly the one {@link Revision#etag()} gives for these dates. The fields are
     * read-only: anything unexpected in them means null, never an error.
     */
    static Revision read(ObjectNode node) {
        String etag = JsonFields.looseText(node, ETAG);
        Instant created = JsonFields.looseDate(node, CREATED);
        Instant updated = JsonFields.looseDate(node, UPDATED);
        if (etag == null || created == null || updated == null) {
            return null;
        }
        int dash = etag.lastIndexOf('-');
        if (dash < 0 || !etag.endsWith("\"")) {
            return null;
        }
        try {
            long version = Long.parseLong(etag.substring(dash + 1, etag.length() - 1));
            Revision revision = new Revision(version, created, updated);
            return revision.etag().equals(etag) ? revision : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
