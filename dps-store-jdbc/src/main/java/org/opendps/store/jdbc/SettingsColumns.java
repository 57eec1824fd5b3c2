package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;

/** The allocation and reprovisioning settings individual enrollments and groups share, as columns. */
final class SettingsColumns {
    static final List<String> NAMES = List.of("iot_edge", "iot_hub_host_name", "initial_twin", "provisioning_status",
            "reprovision_update_hub_assignment", "reprovision_migrate_device_data", "allocation_policy", "iot_hubs",
            "webhook_url", "webhook_api_version");

    private SettingsColumns() {}

    static void bind(EnrollmentSettings settings, Params params) {
        CustomAllocationDefinition webhook = settings.customAllocationDefinition();
        params.bool("iot_edge", settings.iotEdge())
                .text("iot_hub_host_name", settings.iotHubHostName())
                .text("initial_twin", Columns.json(settings.initialTwin()))
                .text("provisioning_status", settings.provisioningStatus().wireName())
                .bool("reprovision_update_hub_assignment", settings.reprovisionPolicy().updateHubAssignment())
                .bool("reprovision_migrate_device_data", settings.reprovisionPolicy().migrateDeviceData())
                .text("allocation_policy",
                        settings.allocationPolicy() == null ? null : settings.allocationPolicy().wireName())
                .text("iot_hubs", Columns.lines(settings.iotHubs()))
                .text("webhook_url", webhook == null ? null : webhook.webhookUrl())
                .text("webhook_api_version", webhook == null ? null : webhook.apiVersion());
    }

    static EnrollmentSettings read(ResultSet row) throws SQLException {
        String webhookUrl = row.getString("webhook_url");
        return new EnrollmentSettings(
                row.getBoolean("iot_edge"),
                row.getString("iot_hub_host_name"),
                Columns.json(row, "initial_twin"),
                Columns.wireEnum(row, "provisioning_status", ProvisioningStatus::fromWireName),
                new ReprovisionPolicy(row.getBoolean("reprovision_update_hub_assignment"),
                        row.getBoolean("reprovision_migrate_device_data")),
                Columns.wireEnum(row, "allocation_policy", AllocationPolicy::fromWireName),
                Columns.lines(row, "iot_hubs"),
                webhookUrl == null ? null
                        : new CustomAllocationDefinition(webhookUrl, row.getString("webhook_api_version")));
    }
}
