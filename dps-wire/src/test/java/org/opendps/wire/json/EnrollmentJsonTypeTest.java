package org.opendps.wire.json;

import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A field of the wrong JSON type is a 400 that names the field by its full path. */
class EnrollmentJsonTypeTest {
    private static final String VALID = "'registrationId':'d','attestation':{'type':'none'}";

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{'registrationId':7,'attestation':{'type':'none'}}", "registrationId",
                        "must be a string"),
                Arguments.of("{" + VALID + ",'deviceId':true}", "deviceId", "must be a string"),
                Arguments.of("{'registrationId':'d','attestation':'symmetricKey'}", "attestation", "must be an object"),
                Arguments.of("{'registrationId':'d','attestation':{'type':3}}", "attestation.type", "must be a string"),
                Arguments.of("{'registrationId':'d','attestation':{'type':'tpm','tpm':[]}}", "attestation.tpm",
                        "must be an object"),
                Arguments.of("{'registrationId':'d','attestation':{'type':'tpm','tpm':{'endorsementKey':1}}}",
                        "attestation.tpm.endorsementKey", "must be a string"),
                Arguments.of("{'registrationId':'d','attestation':{'type':'symmetricKey','symmetricKey':"
                        + "{'primaryKey':false}}}", "attestation.symmetricKey.primaryKey", "must be a string"),
                Arguments.of("{'registrationId':'d','attestation':{'type':'x509','x509':{'clientCertificates':"
                        + "{'primary':'pem'}}}}", "attestation.x509.clientCertificates.primary", "must be an object"),
                Arguments.of("{'registrationId':'d','attestation':{'type':'x509','x509':{'clientCertificates':"
                        + "{'primary':{'certificate':5}}}}}", "attestation.x509.clientCertificates.primary.certificate",
                        "must be a string"),
                Arguments.of("{'registrationId':'d','attestation':{'type':'x509','x509':{'caReferences':"
                        + "{'primary':{'name':'r'}}}}}", "attestation.x509.caReferences.primary", "must be a string"),
                Arguments.of("{" + VALID + ",'capabilities':true}", "capabilities", "must be an object"),
                Arguments.of("{" + VALID + ",'capabilities':{'iotEdge':'true'}}", "capabilities.iotEdge",
                        "must be true or false"),
                Arguments.of("{" + VALID + ",'iotHubHostName':['h']}", "iotHubHostName", "must be a string"),
                Arguments.of("{" + VALID + ",'iotHubs':'h'}", "iotHubs", "must be an array"),
                Arguments.of("{" + VALID + ",'provisioningStatus':1}", "provisioningStatus", "must be a string"),
                Arguments.of("{" + VALID + ",'reprovisionPolicy':{'updateHubAssignment':1}}",
                        "reprovisionPolicy.updateHubAssignment", "must be true or false"),
                Arguments.of("{" + VALID + ",'allocationPolicy':{}}", "allocationPolicy", "must be a string"),
                Arguments.of("{" + VALID + ",'customAllocationDefinition':'https://x'}", "customAllocationDefinition",
                        "must be an object"),
                Arguments.of("{" + VALID + ",'customAllocationDefinition':{'webhookUrl':1,'apiVersion':'v'}}",
                        "customAllocationDefinition.webhookUrl", "must be a string"),
                Arguments.of("{" + VALID + ",'initialTwin':'{}'}", "initialTwin", "must be an object"),
                Arguments.of("{" + VALID + ",'initialTwin':{'tags':[]}}", "initialTwin.tags", "must be an object"),
                Arguments.of("{" + VALID + ",'initialTwin':{'properties':1}}", "initialTwin.properties",
                        "must be an object"),
                Arguments.of("{" + VALID + ",'initialTwin':{'properties':{'desired':'x'}}}",
                        "initialTwin.properties.desired", "must be an object"),
                Arguments.of("{" + VALID + ",'optionalDeviceInformation':[1]}", "optionalDeviceInformation",
                        "must be an object"),
                Arguments.of("{" + VALID + ",'etag':12}", "etag", "must be a string"));
    }

    @ParameterizedTest(name = "read_enrollment_rejects_wrong_type_of_{1}")
    @MethodSource("wrongTypes")
    void read_enrollment_rejects_a_field_of_the_wrong_type(String body, String field, String problem) {
        assertInvalidField(() -> EnrollmentJson.readEnrollment(json(body)), field, problem);
    }
}
