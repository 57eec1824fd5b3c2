package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * A twin's desired or reported properties: the values, the {@code $metadata} tree that mirrors them, and the
 * section's {@code $version}. Immutable: every change makes a new section, and a change that changes nothing
 * returns this one, so that versions move only when content does.
 *
 * <p>Metadata is Azure's layout: one tree at the section root whose every object level carries
 * {@code $lastUpdated} (desired adds {@code $lastUpdatedVersion}, the section version of that update), with one
 * member per property, leaves included. A write stamps the properties it changed and their ancestors, and keeps
 * the stamps of everything it left as it was.
 */
final class Section {
    private final ObjectNode values;
    private final ObjectNode metadata;
    private final long version;
    private final boolean desired;

    private Section(ObjectNode values, ObjectNode metadata, long version, boolean desired) {
        this.values = values;
        this.metadata = metadata;
        this.version = version;
        this.desired = desired;
    }

    /** A new twin's section: no properties, version 1, stamped now. */
    static Section empty(Instant now, boolean desired) {
        return new Section(TwinJson.object(), stamp(now, 1, desired), 1, desired);
    }

    /** A section as {@link #stored()} wrote it, with the version kept beside it. */
    static Section stored(String json, long version, boolean desired) {
        ObjectNode values = TwinJson.parseStored(json);
        JsonNode metadata = values.remove(TwinJson.METADATA);
        return new Section(values, metadata != null && metadata.isObject() ? (ObjectNode) metadata
                : TwinJson.object(), version, desired);
    }

    /** The values; callers must not change the tree. */
    ObjectNode values() {
        return values;
    }

    long version() {
        return version;
    }

    /** This section with {@code newValues}, version and metadata moved on; this very section when nothing changed. */
    Section with(ObjectNode newValues, Instant now) {
        if (newValues.equals(values)) {
            return this;
        }
        long next = version + 1;
        ObjectNode newMetadata = (ObjectNode) metadataFor(values, newValues, metadata, stamp(now, next, desired));
        return new Section(newValues.deepCopy(), newMetadata, next, desired);
    }

    /** The stored form: the values with {@code $metadata} inside, without {@code $version}. */
    String stored() {
        ObjectNode stored = values.deepCopy();
        stored.set(TwinJson.METADATA, metadata.deepCopy());
        return TwinJson.write(stored);
    }

    /** As the service API shows it (with metadata) or the device API (without), {@code $version} last. */
    ObjectNode rendered(boolean withMetadata) {
        ObjectNode rendered = values.deepCopy();
        if (withMetadata) {
            rendered.set(TwinJson.METADATA, metadata.deepCopy());
        }
        rendered.put(TwinJson.VERSION, version);
        return rendered;
    }

    private static ObjectNode stamp(Instant now, long version, boolean desired) {
        ObjectNode stamp = TwinJson.object().put(TwinJson.LAST_UPDATED, TwinJson.timestamp(now));
        if (desired) {
            stamp.put(TwinJson.LAST_UPDATED_VERSION, version);
        }
        return stamp;
    }

    /**
     * The metadata of {@code newValue}: the old metadata where the value is unchanged (and has metadata), else a new
     * stamp, and for an object one member per property, worked out the same way.
     */
    private static JsonNode metadataFor(JsonNode oldValue, JsonNode newValue, JsonNode oldMetadata, ObjectNode stamp) {
        boolean hasOldStamp = oldMetadata != null && oldMetadata.isObject() && oldMetadata.has(TwinJson.LAST_UPDATED);
        if (hasOldStamp && newValue.equals(oldValue)) {
            return oldMetadata.deepCopy();
        }
        ObjectNode metadata = stamp.deepCopy();
        if (newValue.isObject()) {
            for (Map.Entry<String, JsonNode> member : newValue.properties()) {
                String key = member.getKey();
                metadata.set(key, metadataFor(oldValue == null ? null : oldValue.get(key), member.getValue(),
                        oldMetadata == null ? null : oldMetadata.get(key), stamp));
            }
        }
        return metadata;
    }
}
