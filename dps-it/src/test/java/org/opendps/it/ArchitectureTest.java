package org.opendps.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.opendps.core.certificate.CaCertificateService;
import org.opendps.core.security.ConstantTime;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;

/** The dependency directions of ARCHITECTURE.md, checked on the compiled classes of every module. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.opendps");
    }

    @Test
    void core_uses_no_framework_no_database_no_json_no_bouncycastle() {
        noClasses().that().resideInAPackage("org.opendps.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "java.sql..",
                        "com.fasterxml..", "org.bouncycastle..", "picocli..")
                .check(classes);
    }

    @Test
    void only_the_server_module_uses_vertx() {
        noClasses().that().resideOutsideOfPackages("org.opendps.server..", "org.opendps.app..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..")
                .check(classes);
    }

    @Test
    void only_the_store_module_uses_jdbc() {
        noClasses().that().resideOutsideOfPackage("org.opendps.store.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "com.zaxxer..", "org.flywaydb..")
                .check(classes);
    }

    @Test
    void only_attestation_uses_bouncycastle() {
        noClasses().that().resideOutsideOfPackages("org.opendps.attestation..", "org.opendps.testsupport..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bouncycastle..")
                .check(classes);
    }

    @Test
    void wire_depends_on_core_only() {
        noClasses().that().resideInAPackage("org.opendps.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("org.opendps.server..", "org.opendps.store..",
                        "org.opendps.attestation..", "org.opendps.cli..", "org.opendps.app..")
                .check(classes);
    }

    @Test
    void the_device_client_is_a_device_it_knows_only_the_wire_formats() {
        noClasses().that().resideInAPackage("org.opendps.deviceclient..")
                .should().dependOnClassesThat().resideInAnyPackage("org.opendps.server..", "org.opendps.store..",
                        "org.opendps.hub..", "org.opendps.attestation..", "org.opendps.cli..", "org.opendps.app..")
                .check(classes);
    }

    @Test
    void nothing_depends_on_the_app() {
        noClasses().that().resideOutsideOfPackage("org.opendps.app..")
                .should().dependOnClassesThat().resideInAPackage("org.opendps.app..")
                .check(classes);
    }

    @Test
    void the_server_never_reaches_storage_or_the_cli_directly() {
        noClasses().that().resideInAPackage("org.opendps.server..")
                .should().dependOnClassesThat().resideInAnyPackage("org.opendps.store..", "org.opendps.cli..")
                .check(classes);
    }

    /**
     * Secrets are compared in constant time, in one place. Every SAS check (service API, device API, hub MQTT and
     * REST, TPM challenge and hub keys) goes through {@code SharedAccessSignatures.isSignedWith}, the only reader of a
     * presented signature; the proof-of-possession code and TPM keys go through {@code ConstantTime} as well; and
     * nothing else calls the JDK's constant-time comparison, so that there is one place to look.
     */
    @Test
    void every_secret_is_compared_through_constant_time() {
        noClasses().that().doNotBelongToAnyOf(ConstantTime.class)
                .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
                .check(classes);
        noClasses().that().doNotBelongToAnyOf(SharedAccessSignatures.class, SasToken.class)
                .should().callMethod(SasToken.class, "signature")
                .because("a presented signature is compared in SharedAccessSignatures.isSignedWith only")
                .check(classes);
        methods().that().areDeclaredIn(SharedAccessSignatures.class).and().haveName("isSignedWith")
                .should(compareThroughConstantTime()).check(classes);
        methods().that().areDeclaredIn(CaCertificateService.class).and().haveName("codeMatches")
                .should(compareThroughConstantTime()).check(classes);
        methods().that().areDeclaredIn("org.opendps.core.provisioning.TpmDeviceAttestation")
                .and().haveName("sameKey").should(compareThroughConstantTime()).check(classes);
    }

    private static ArchCondition<JavaMethod> compareThroughConstantTime() {
        return new ArchCondition<>("compare through ConstantTime.equal") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean calls = method.getMethodCallsFromSelf().stream().anyMatch(call ->
                        call.getTargetOwner().isEquivalentTo(ConstantTime.class) && call.getName().equals("equal"));
                events.add(new SimpleConditionEvent(method, calls,
                        method.getFullName() + (calls ? " calls" : " does not call") + " ConstantTime.equal"));
            }
        };
    }
}
