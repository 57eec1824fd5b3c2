package org.opendps.cli.enrollment;

import java.util.ArrayList;
import java.util.List;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.Table;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.registration.DeviceRegistrationState;

/** Enrollments and groups as text: aligned details for one, a table for many. */
public final class EnrollmentView {
    private EnrollmentView() {}

    /**
     * @param attestation the one to show: the enrollment's own, or the attestationmechanism answer with its keys
     * @param registration the device's registration state; null when there is none
     */
    public static <T> Details details(EnrollmentKind<T> kind, T item, Attestation attestation,
            DeviceRegistrationState registration) {
        Details details = new Details();
        kind.identify(item, details);
        attestation(details, attestation);
        settings(details, kind.settings(item));
        if (registration != null) {
            details.add("registration", registration.status().wireName()
                    + (registration.assignedHub() == null ? "" : " to " + registration.assignedHub())
                    + (registration.deviceId() == null ? "" : " as " + registration.deviceId()));
        }
        revision(details, kind.revision(item));
        return details;
    }

    public static <T> Table table(EnrollmentKind<T> kind, List<T> items) {
        List<String> headings = new ArrayList<>(List.of(kind.idHeadings()));
        headings.addAll(List.of("ATTESTATION", "STATUS", "ALLOCATION", "HUBS"));
        Table table = new Table(headings.toArray(String[]::new));
        for (T item : items) {
            EnrollmentSettings settings = kind.settings(item);
            List<Object> cells = new ArrayList<>(List.of(kind.idCells(item)));
            cells.add(kind.attestation(item).type().wireName());
            cells.add(settings.provisioningStatus().wireName());
            cells.add(settings.allocationPolicy() == null ? "default" : settings.allocationPolicy().wireName());
            cells.add(settings.iotHubs().isEmpty() ? "all" : String.join(",", settings.iotHubs()));
            table.row(cells.toArray());
        }
        return table;
    }

    static void attestation(Details details, Attestation attestation) {
        if (attestation instanceof SymmetricKeyAttestation keys) {
            details.add("attestation", "symmetricKey");
            if (keys.primaryKey() == null && keys.secondaryKey() == null) {
                details.add("keys", "hidden (--show-keys shows them)");
            }
            details.add("primaryKey", keys.primaryKey());
            details.add("secondaryKey", keys.secondaryKey());
        } else if (attestation instanceof TpmAttestation tpm) {
            details.add("attestation", "tpm");
            details.add("endorsementKey", tpm.endorsementKey());
            details.add("storageRootKey", tpm.storageRootKey());
        } else if (attestation instanceof X509Attestation x509) {
            details.add("attestation", "x509 (" + x509.kind().wireName() + ")");
            details.add("primary", entry(x509.primary()));
            details.add("secondary", x509.secondary() == null ? null : entry(x509.secondary()));
        } else {
            details.add("attestation", attestation.type().wireName());
        }
    }

    static void settings(Details details, EnrollmentSettings settings) {
        details.add("provisioningStatus", settings.provisioningStatus().wireName());
        details.add("allocationPolicy", settings.allocationPolicy() == null
                ? "(the service's)" : settings.allocationPolicy().wireName());
        details.add("iotHubs", settings.iotHubs().isEmpty() ? "(all linked hubs)" : String.join(", ",
                settings.iotHubs()));
        details.add("iotHubHostName", settings.iotHubHostName());
        CustomAllocationDefinition custom = settings.customAllocationDefinition();
        if (custom != null) {
            details.add("webhook", custom.webhookUrl() + " (api-version " + custom.apiVersion() + ")");
        }
        details.add("reprovision", Reprovision.of(settings.reprovisionPolicy()).describe());
        details.add("iotEdge", settings.iotEdge());
        details.add("initialTwin", settings.initialTwin() == null ? null : Json.compact(settings.initialTwin().json()));
    }

    static void revision(Details details, Revision revision) {
        if (revision != null) {
            details.add("etag", revision.etag());
            details.add("created", revision.created());
            details.add("updated", revision.updated());
        }
    }

    private static String entry(X509Entry entry) {
        if (entry.isCaReference()) {
            return "CA certificate '" + entry.caReference() + "'";
        }
        if (entry.info() == null) {
            return entry.certificate() == null ? "(no certificate)" : "(certificate sent, not yet described)";
        }
        return entry.info().subjectName() + ", SHA-1 " + entry.info().sha1Thumbprint()
                + (entry.info().notAfterUtc() == null ? "" : ", expires " + entry.info().notAfterUtc());
    }
}
