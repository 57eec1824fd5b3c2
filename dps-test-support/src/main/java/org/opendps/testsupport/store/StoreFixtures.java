package org.opendps.testsupport.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.provisioning.RegistrationOperation;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;
import org.opendps.core.registration.X509Registration;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.twin.StoredTwin;

/**
 * Sample resources for store tests: every attestation type and X.509 form, settings with every field set, and
 * revisions at microsecond precision (what every store keeps exactly). Certificates are opaque text to a store,
 * so the X.509 samples carry a fixed info value and a stand-in for the base64 DER.
 */
public final class StoreFixtures {
    public static final Instant CREATED = Instant.parse("2026-01-02T03:04:05.123456Z");
    public static final Instant UPDATED = Instant.parse("2026-01-03T04:05:06.654321Z");
    public static final Revision FIRST = new Revision(1, CREATED, CREATED);

    public static final X509CertificateInfo X509_INFO = new X509CertificateInfo(
            "CN=device-1, O=OpenDPS Test", "0123456789ABCDEF0123456789ABCDEF01234567",
            "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "CN=OpenDPS Test Root CA",
            Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"), "0A1B2C3D", 3);
    public static final X509CertificateInfo X509_INFO_2 = new X509CertificateInfo(
            "CN=device-1-next", "FEDCBA9876543210FEDCBA9876543210FEDCBA98",
            "FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210", "CN=OpenDPS Test Intermediate",
            Instant.parse("2026-06-01T12:30:00Z"), Instant.parse("2027-06-01T12:30:00Z"), "01", 3);
    /** Stands in for a base64 DER certificate, which stores keep as text without parsing. */
    public static final String CERTIFICATE = "MIIBszCCAVmgAwIBAgIUstandInForBase64Der0001==";
    public static final String CERTIFICATE_2 = "MIIBszCCAVmgAwIBAgIUstandInForBase64Der0002==";

    public static final String PRIMARY_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    public static final String SECONDARY_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    private StoreFixtures() {}

    // --- attestations

    public static TpmAttestation tpm() {
        return new TpmAttestation("AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEA",
                "AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEB");
    }

    public static TpmAttestation tpmWithoutStorageRootKey() {
        return new TpmAttestation("AToAAQALAAMAsgAgg3GXZ0SEs/gakMyNRqXXJP1S124GUgtk8qHaGzMUaaoABgCAAEMAEAgAAAAAAAEA",
                null);
    }

    public static SymmetricKeyAttestation symmetricKey() {
        return new SymmetricKeyAttestation(PRIMARY_KEY, SECONDARY_KEY);
    }

    public static X509Attestation x509(X509Kind kind) {
        if (kind == X509Kind.CA_REFERENCES) {
            return new X509Attestation(kind, X509Entry.ofCaReference("root-ca"), X509Entry.ofCaReference("next-ca"));
        }
        return new X509Attestation(kind, X509Entry.ofCertificate(CERTIFICATE, X509_INFO),
                X509Entry.ofCertificate(CERTIFICATE_2, X509_INFO_2));
    }

    /** A certificate that a client sent back as info only, and no secondary. */
    public static X509Attestation x509InfoOnlyWithoutSecondary() {
        return new X509Attestation(X509Kind.CLIENT_CERTIFICATES, new X509Entry(null, X509_INFO, null), null);
    }

    /** Every attestation an individual enrollment or group may hold, each variant once. */
    public static List<Attestation> allAttestations() {
        return List.of(new NoAttestation(), tpm(), tpmWithoutStorageRootKey(), symmetricKey(),
                x509(X509Kind.CLIENT_CERTIFICATES), x509(X509Kind.SIGNING_CERTIFICATES), x509(X509Kind.CA_REFERENCES),
                x509InfoOnlyWithoutSecondary());
    }

    // --- settings

    /** Every field set to something other than its default. */
    public static EnrollmentSettings fullSettings() {
        return new EnrollmentSettings(true, "hub-1.example.com",
                new JsonText("{\"tags\":{\"site\":\"Zürich\"},\"properties\":{\"desired\":{\"interval\":30}}}"),
                ProvisioningStatus.DISABLED, new ReprovisionPolicy(false, true), AllocationPolicy.CUSTOM,
                List.of("hub-1.example.com", "hub-2.example.com"),
                new CustomAllocationDefinition("https://alloc.example.com/api/choose?code=abc", "2021-10-01"));
    }

    public static EnrollmentSettings settings(String hubHostName, ProvisioningStatus status, AllocationPolicy policy) {
        return new EnrollmentSettings(false, hubHostName, null, status, ReprovisionPolicy.DEFAULT, policy,
                hubHostName == null ? List.of() : List.of(hubHostName), null);
    }

    // --- resources

    public static IndividualEnrollment enrollment(String registrationId) {
        return enrollment(registrationId, symmetricKey());
    }

    public static IndividualEnrollment enrollment(String registrationId, Attestation attestation) {
        return new IndividualEnrollment(registrationId, null, attestation, EnrollmentSettings.DEFAULTS, null, FIRST);
    }

    public static IndividualEnrollment fullEnrollment(String registrationId, Attestation attestation) {
        return new IndividualEnrollment(registrationId, "Device-" + registrationId, attestation, fullSettings(),
                new JsonText("{\"properties\":{\"desired\":{\"model\":\"m-1\"}}}"), FIRST);
    }

    public static EnrollmentGroup group(String groupId) {
        return group(groupId, symmetricKey());
    }

    public static EnrollmentGroup group(String groupId, Attestation attestation) {
        return new EnrollmentGroup(groupId, attestation, EnrollmentSettings.DEFAULTS, FIRST);
    }

    public static EnrollmentGroup fullGroup(String groupId, Attestation attestation) {
        return new EnrollmentGroup(groupId, attestation, fullSettings(), FIRST);
    }

    public static DeviceRegistrationState assignedState(String registrationId, String groupId) {
        return new DeviceRegistrationState(registrationId, groupId, "hub-1.example.com", "dev-" + registrationId,
                RegistrationStatus.ASSIGNED, RegistrationSubstatus.INITIAL_ASSIGNMENT, null, null,
                new JsonText("{\"answer\":42}"), FIRST);
    }

    /** A group member that registered with a certificate, with both certificates recorded. */
    public static DeviceRegistrationState x509State(String registrationId, String groupId) {
        return new DeviceRegistrationState(registrationId, groupId, "hub-1.example.com", registrationId,
                RegistrationStatus.ASSIGNED, RegistrationSubstatus.INITIAL_ASSIGNMENT, null, null, null, FIRST,
                new X509Registration(CERTIFICATE, CERTIFICATE_2));
    }

    public static CaCertificate caCertificate(String name) {
        return new CaCertificate(name, CERTIFICATE, false, "0A1B2C3D4E5F", FIRST);
    }

    public static DeviceRegistrationState failedState(String registrationId) {
        return new DeviceRegistrationState(registrationId, null, null, null, RegistrationStatus.FAILED, null,
                401002, "Invalid certificate.", null, FIRST);
    }

    public static DeviceRegistrationState state(String registrationId, String groupId, String deviceId,
            RegistrationStatus status, String assignedHub) {
        return new DeviceRegistrationState(registrationId, groupId, assignedHub, deviceId, status, null, null, null,
                null, FIRST);
    }

    public static ServiceInstance instance(String idScope) {
        return instance(idScope, AllocationPolicy.HASHED);
    }

    public static ServiceInstance instance(String idScope, AllocationPolicy allocationPolicy) {
        return new ServiceInstance(idScope, CREATED, allocationPolicy);
    }

    /** A hub with every field set to something other than its default. */
    public static LinkedHub linkedHub(String hostName) {
        return new LinkedHub(hostName, "iothubowner", PRIMARY_KEY, "westeurope", 7, false);
    }

    public static RegistrationOperation operation(String operationId, String registrationId, Instant updated) {
        return new RegistrationOperation(operationId, registrationId, RegistrationStatus.ASSIGNING, CREATED, updated);
    }

    public static SharedAccessPolicy policy(String keyName, Set<AccessRight> rights) {
        return new SharedAccessPolicy(keyName, PRIMARY_KEY, SECONDARY_KEY, rights);
    }

    // --- built-in hubs

    /**
     * A hub with a policy for every right alone, one with all of them and one with none, in an order that no sort
     * gives (a store keeps the order the hub was created with).
     */
    public static BuiltInHub builtInHub(String hostName) {
        return new BuiltInHub(hostName, CREATED, List.of(hubPolicy(HubPolicy.OWNER, HubRight.all()),
                hubPolicy("service", EnumSet.of(HubRight.SERVICE_CONNECT)),
                hubPolicy("device", EnumSet.of(HubRight.DEVICE_CONNECT)),
                hubPolicy("registryRead", EnumSet.of(HubRight.REGISTRY_READ)),
                hubPolicy("registryWrite", EnumSet.of(HubRight.REGISTRY_WRITE)),
                hubPolicy("nothing", Set.of())));
    }

    public static HubPolicy hubPolicy(String keyName, Set<HubRight> rights) {
        return new HubPolicy(keyName, PRIMARY_KEY, SECONDARY_KEY, rights);
    }

    /** An enabled SAS device without a status reason. */
    public static HubDevice sasDevice(String deviceId) {
        return new HubDevice(deviceId, new DeviceAuthentication.SymmetricKey(PRIMARY_KEY, SECONDARY_KEY), true, null,
                false, "638000000000000001", FIRST);
    }

    /** Differs from {@link #sasDevice} in every field: X.509 thumbprints, disabled with a reason, an edge device. */
    public static HubDevice x509Device(String deviceId) {
        return new HubDevice(deviceId, new DeviceAuthentication.X509Thumbprint(X509_INFO.sha1Thumbprint(),
                X509_INFO_2.sha1Thumbprint()), false, "Replaced by a new unit", true, "638000000000000002", FIRST);
    }

    /** A twin whose sections carry metadata as Azure returns it, each version apart from the others. */
    public static StoredTwin twin(String deviceId) {
        String lastUpdated = "\"$lastUpdated\":\"2026-01-02T03:04:05.1234567Z\"";
        return new StoredTwin(deviceId, 5, "{\"site\":\"Zürich\",\"floor\":3}",
                "{\"interval\":30,\"$metadata\":{" + lastUpdated + ",\"interval\":{" + lastUpdated
                        + ",\"$lastUpdatedVersion\":4}}}", 4,
                "{\"firmware\":\"1.2.3\",\"$metadata\":{" + lastUpdated + "}}", 7, FIRST);
    }
}
