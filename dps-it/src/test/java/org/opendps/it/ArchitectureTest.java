package org.opendps.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
