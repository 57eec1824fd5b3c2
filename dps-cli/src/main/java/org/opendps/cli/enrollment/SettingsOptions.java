package org.opendps.cli.enrollment;

import java.util.List;
import org.opendps.cli.CliException;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ProvisioningStatus;
import picocli.CommandLine.Option;

/**
 * The options individual enrollments and groups share: allocation, reprovisioning, twin, edge and status. On
 * create they apply to the defaults; on update to what the server has, and an option left out keeps its value.
 */
public final class SettingsOptions {
    public static final String DEFAULT_WEBHOOK_API_VERSION = "2021-10-01";

    @Option(names = "--iot-hub", order = 20, paramLabel = "HOST",
            description = "Host name of a linked hub devices may be assigned to; repeatable. Default: all linked "
                    + "hubs. On update, replaces the list.")
    List<String> iotHubs;

    @Option(names = "--allocation-policy", order = 21, paramLabel = "POLICY",
            converter = AllocationPolicyConverter.class, completionCandidates = AllocationPolicyConverter.Names.class,
            description = "How a hub is chosen: ${COMPLETION-CANDIDATES}. Default: the service's policy "
                    + "(custom, when --webhook-url is given).")
    AllocationPolicy allocationPolicy;

    @Option(names = "--webhook-url", order = 22, paramLabel = "URL",
            description = "Custom allocation webhook (for --allocation-policy custom).")
    String webhookUrl;

    @Option(names = "--webhook-api-version", order = 23, paramLabel = "VERSION",
            description = "API version sent to the webhook. Default: " + DEFAULT_WEBHOOK_API_VERSION + ".")
    String webhookApiVersion;

    @Option(names = "--initial-twin", order = 24, paramLabel = "JSON|@FILE", converter = InitialTwinConverter.class,
            description = "Initial twin, {\"tags\":{..},\"properties\":{\"desired\":{..}}}, inline or @file.")
    JsonText initialTwin;

    @Option(names = "--edge", order = 25, negatable = true,
            description = "The device is an IoT Edge device (--no-edge: it is not). Default: not.")
    Boolean edge;

    @Option(names = "--disabled", order = 26, description = "Disable: devices of this enrollment cannot register.")
    boolean disabled;

    @Option(names = "--enabled", order = 27, description = "Enable (the default on create).")
    boolean enabled;

    @Option(names = "--reprovision", order = 28, paramLabel = "POLICY",
            description = "When a registered device registers again: never (keep its hub), reset (reassign, "
                    + "initial twin), migrate (reassign, keep its data). Default on create: migrate.")
    Reprovision reprovision;

    /** The settings with every given option applied to {@code base}. */
    public EnrollmentSettings applyTo(EnrollmentSettings base) {
        if (disabled && enabled) {
            throw CliException.usage("give --enabled or --disabled, not both");
        }
        AllocationPolicy policy = allocationPolicy != null ? allocationPolicy
                : webhookUrl != null ? AllocationPolicy.CUSTOM : base.allocationPolicy();
        CustomAllocationDefinition custom = webhook(base.customAllocationDefinition());
        if (webhookUrl != null && allocationPolicy != null && allocationPolicy != AllocationPolicy.CUSTOM) {
            throw CliException.usage("--webhook-url needs --allocation-policy custom, not "
                    + allocationPolicy.wireName());
        }
        if (policy == AllocationPolicy.CUSTOM && custom == null) {
            throw CliException.usage("--allocation-policy custom needs --webhook-url URL");
        }
        return new EnrollmentSettings(
                edge != null ? edge : base.iotEdge(),
                base.iotHubHostName(),
                initialTwin != null ? initialTwin : base.initialTwin(),
                disabled ? ProvisioningStatus.DISABLED : enabled ? ProvisioningStatus.ENABLED
                        : base.provisioningStatus(),
                reprovision != null ? reprovision.policy() : base.reprovisionPolicy(),
                policy,
                iotHubs != null ? iotHubs : base.iotHubs(),
                custom);
    }

    private CustomAllocationDefinition webhook(CustomAllocationDefinition current) {
        if (webhookUrl != null) {
            return new CustomAllocationDefinition(webhookUrl, webhookApiVersion != null ? webhookApiVersion
                    : current != null ? current.apiVersion() : DEFAULT_WEBHOOK_API_VERSION);
        }
        if (webhookApiVersion != null) {
            if (current == null) {
                throw CliException.usage("--webhook-api-version needs --webhook-url URL");
            }
            return new CustomAllocationDefinition(current.webhookUrl(), webhookApiVersion);
        }
        return current;
    }
}
