package org.opendps.it;

import java.time.Duration;
import org.opendps.core.provisioning.ProvisioningService;

/**
 * The Java device client scenarios with no single-round-trip wait: every first answer is 202 {@code assigning},
 * so the client polls the operation with its token until the final status.
 */
class JavaDeviceClientPollingIT extends JavaDeviceClientIT {
    @Override
    ProvisioningService.Settings settings() {
        ProvisioningService.Settings defaults = ProvisioningService.Settings.DEFAULTS;
        return new ProvisioningService.Settings(Duration.ZERO, defaults.retryAfterSeconds(), defaults.sasClockSkew(),
                defaults.assignmentThreads());
    }
}
