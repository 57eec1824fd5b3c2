package org.opendps.core.enrollment;

import java.util.Objects;

/** The webhook that chooses a hub under the {@code custom} allocation policy. */
public record CustomAllocationDefinition(String webhookUrl, String apiVersion) {
    public CustomAllocationDefinition {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
    }
}
