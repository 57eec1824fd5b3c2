package org.opendps.core.enrollment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.opendps.core.error.DpsException;
import org.opendps.core.validation.Identifiers;

/** Checks the allocation and reprovisioning settings an enrollment or group carries. */
final class SettingsRules {
    private static final int MAX_HUBS = 100;

    private SettingsRules() {}

    static EnrollmentSettings check(EnrollmentSettings settings) {
        if (settings.iotHubHostName() != null) {
            Identifiers.hostName("iotHubHostName", settings.iotHubHostName());
        }
        if (settings.iotHubs().size() > MAX_HUBS) {
            throw DpsException.invalidField("iotHubs", "at most " + MAX_HUBS + " hubs");
        }
        for (int i = 0; i < settings.iotHubs().size(); i++) {
            Identifiers.hostName("iotHubs[" + i + "]", settings.iotHubs().get(i));
        }
        if (settings.allocationPolicy() == AllocationPolicy.STATIC && settings.iotHubs().size() > 1) {
            throw DpsException.invalidField("iotHubs", "the static allocation policy takes exactly one hub");
        }
        CustomAllocationDefinition custom = settings.customAllocationDefinition();
        if (settings.allocationPolicy() == AllocationPolicy.CUSTOM && custom == null) {
            throw DpsException.invalidField("customAllocationDefinition",
                    "required when allocationPolicy is custom");
        }
        if (custom != null) {
            checkWebhook(custom);
        }
        return settings;
    }

    private static void checkWebhook(CustomAllocationDefinition custom) {
        try {
            URI uri = new URI(custom.webhookUrl());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw DpsException.invalidField("customAllocationDefinition.webhookUrl",
                        "must be an absolute https (or http) URL");
            }
        } catch (URISyntaxException e) {
            throw DpsException.invalidField("customAllocationDefinition.webhookUrl", "not a valid URL");
        }
        if (custom.apiVersion().isBlank()) {
            throw DpsException.invalidField("customAllocationDefinition.apiVersion", "required");
        }
    }
}
