package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.error.DpsException;

/**
 * The twin semantics of IoT Hub over stored twins: tags, desired and reported properties, each a JSON object.
 * PATCH merges (null deletes a key), PUT replaces tags and desired properties whole, and only the device writes
 * reported properties. Desired and reported each have a {@code $version} that moves on every change of that
 * section; the twin's {@code version} moves on every change of tags or desired properties. Every result is held to
 * {@link TwinLimits} before anything is returned, so a rejected write changes nothing. Pure functions of their
 * arguments: storage and concurrency are {@link TwinService}'s.
 */
public final class TwinDocuments {
    private TwinDocuments() {}

    /** The twin a new device starts with: nothing in it, every version 1. */
    public static StoredTwin empty(String deviceId, Instant now) {
        Objects.requireNonNull(deviceId, "deviceId");
        return new StoredTwin(deviceId, 1, "{}", Section.empty(now, true).stored(), 1,
                Section.empty(now, false).stored(), 1, Revision.first(now));
    }

    /**
     * The service's PATCH: {@code tags} and {@code properties.desired} merge when present and not null; every other
     * member (read-only fields, which the Java client sends as nulls, and {@code properties.reported}) is ignored.
     */
    static TwinChange patchService(StoredTwin current, ObjectNode body, Instant now) {
        ObjectNode tagsPatch = member(body, "tags", "tags");
        ObjectNode desiredPatch = member(member(body, "properties", "properties"), "desired", "properties.desired");
        ObjectNode tags = tags(current);
        Section desired = Section.stored(current.desiredJson(), current.desiredVersion(), true);
        return apply(current, now,
                tagsPatch == null ? tags : MergePatch.apply(tags, withoutSystemKeys(tagsPatch)),
                desiredPatch == null ? null : withoutSystemKeys(desiredPatch), desired,
                desiredPatch == null ? desired.values() : MergePatch.apply(desired.values(),
                        withoutSystemKeys(desiredPatch)), null);
    }

    /** The service's PUT: tags and desired properties replaced whole (absent or null: emptied); reported kept. */
    static TwinChange replaceService(StoredTwin current, ObjectNode body, Instant now) {
        return replace(current, body, false, now);
    }

    /**
     * The embedded gateway's replace, which also carries reported properties from one hub to another: they are
     * replaced when the twin has {@code properties.reported}, and kept otherwise.
     */
    static TwinChange replaceWithReported(StoredTwin current, ObjectNode twin, Instant now) {
        return replace(current, twin, true, now);
    }

    /** The device's PATCH of its reported properties. */
    static TwinChange patchReported(StoredTwin current, ObjectNode patch, Instant now) {
        Section reported = Section.stored(current.reportedJson(), current.reportedVersion(), false);
        Section desired = Section.stored(current.desiredJson(), current.desiredVersion(), true);
        return apply(current, now, tags(current), null, desired, desired.values(),
                MergePatch.apply(reported.values(), withoutSystemKeys(patch)));
    }

    private static TwinChange replace(StoredTwin current, ObjectNode body, boolean withReported, Instant now) {
        ObjectNode properties = member(body, "properties", "properties");
        ObjectNode newTags = whole(member(body, "tags", "tags"));
        ObjectNode newDesired = whole(member(properties, "desired", "properties.desired"));
        ObjectNode reported = withReported ? member(properties, "reported", "properties.reported") : null;
        Section desired = Section.stored(current.desiredJson(), current.desiredVersion(), true);
        return apply(current, now, newTags, MergePatch.diff(desired.values(), newDesired), desired, newDesired,
                reported == null ? null : whole(reported));
    }

    /**
     * @param desiredPatch what devices are told changed in desired properties, if they did
     * @param newReported null to keep the reported properties
     */
    private static TwinChange apply(StoredTwin current, Instant now, ObjectNode newTags, ObjectNode desiredPatch,
            Section desired, ObjectNode newDesired, ObjectNode newReported) {
        TwinLimits.check("tags", newTags, TwinLimits.MAX_TAGS_BYTES);
        TwinLimits.check("properties.desired", newDesired, TwinLimits.MAX_DESIRED_BYTES);
        if (newReported != null) {
            TwinLimits.check("properties.reported", newReported, TwinLimits.MAX_REPORTED_BYTES);
        }
        Section reported = Section.stored(current.reportedJson(), current.reportedVersion(), false);
        Section nextDesired = desired.with(newDesired, now);
        Section nextReported = newReported == null ? reported : reported.with(newReported, now);
        boolean tagsChanged = !newTags.equals(tags(current));
        boolean desiredChanged = nextDesired != desired;
        if (!tagsChanged && !desiredChanged && nextReported == reported) {
            return TwinChange.none(current);
        }
        StoredTwin next = new StoredTwin(current.deviceId(),
                tagsChanged || desiredChanged ? current.version() + 1 : current.version(),
                TwinJson.write(newTags), nextDesired.stored(), nextDesired.version(),
                nextReported.stored(), nextReported.version(), current.revision().next(now));
        ObjectNode notification = null;
        if (desiredChanged) {
            notification = (desiredPatch == null ? MergePatch.diff(desired.values(), newDesired) : desiredPatch)
                    .deepCopy();
            notification.put(TwinJson.VERSION, nextDesired.version());
        }
        return new TwinChange(next, true, notification);
    }

    private static ObjectNode tags(StoredTwin twin) {
        return TwinJson.parseStored(twin.tagsJson());
    }

    /** The named member when it is an object; null when absent, null or {@code parent} is; 400 otherwise. */
    private static ObjectNode member(ObjectNode parent, String name, String path) {
        JsonNode value = parent == null ? null : parent.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw DpsException.invalidField(path, "must be a JSON object");
        }
        return (ObjectNode) value;
    }

    /** A section given whole: nulls dropped (nothing to delete), system keys ignored; null means empty. */
    private static ObjectNode whole(ObjectNode given) {
        return given == null ? TwinJson.object() : MergePatch.apply(TwinJson.object(), withoutSystemKeys(given));
    }

    /**
     * Without the root's {@code $metadata} and {@code $version}, which clients send back when they write a twin they
     * read; the hub keeps those itself. Any other {@code $} key is refused by the limits.
     */
    private static ObjectNode withoutSystemKeys(ObjectNode section) {
        if (!section.has(TwinJson.METADATA) && !section.has(TwinJson.VERSION)) {
            return section;
        }
        ObjectNode copy = section.deepCopy();
        copy.remove(TwinJson.METADATA);
        copy.remove(TwinJson.VERSION);
        return copy;
    }
}
