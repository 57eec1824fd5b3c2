package org.opendps.core.enrollment;

/** What happens when an already provisioned device registers again. Azure's default is both true. */
public record ReprovisionPolicy(boolean updateHubAssignment, boolean migrateDeviceData) {
    public static final ReprovisionPolicy DEFAULT = new ReprovisionPolicy(true, true);
}
