package org.opendps.core.query;

import java.util.List;
import java.util.Objects;

/** A conjunction of equality conditions; empty matches everything. */
public record Filter(List<Condition> conditions) {
    public static final Filter ALL = new Filter(List.of());

    public Filter {
        conditions = List.copyOf(conditions);
    }

    public static Filter where(FilterField field, String value) {
        return new Filter(List.of(new Condition(field, value)));
    }

    /**
     * One equality test. Values compare case-insensitively for ids, and as the stored wire names for enums
     * ({@code provisioningStatus = 'enabled'}, {@code attestation.type = 'symmetricKey'}).
     */
    public record Condition(FilterField field, String value) {
        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }
}
