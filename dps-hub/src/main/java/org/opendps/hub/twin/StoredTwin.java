package org.opendps.hub.twin;

import java.util.Objects;
import org.opendps.core.enrollment.Revision;

/**
 * A device twin as stored: three JSON objects and their versions. {@code desiredJson} and {@code reportedJson}
 * each keep their {@code $metadata} tree inside (as Azure returns them), never their {@code $version}, which is in
 * the fields beside them; {@code tagsJson} has neither.
 *
 * @param version the twin's top-level {@code version}: it counts changes of tags and desired properties only, as
 *     Azure's does, so it cannot be the row version (a device's reported properties change it too)
 * @param revision the row version: every write bumps it, and it makes the twin's etag
 */
public record StoredTwin(
        String deviceId,
        long version,
        String tagsJson,
        String desiredJson,
        long desiredVersion,
        String reportedJson,
        long reportedVersion,
        Revision revision) {

    public StoredTwin {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(tagsJson, "tagsJson");
        Objects.requireNonNull(desiredJson, "desiredJson");
        Objects.requireNonNull(reportedJson, "reportedJson");
        Objects.requireNonNull(revision, "revision");
    }

    public StoredTwin withRevision(Revision newRevision) {
        return new StoredTwin(deviceId, version, tagsJson, desiredJson, desiredVersion, reportedJson, reportedVersion,
                newRevision);
    }
}
