package org.haven;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of ARCHITECTURE.md hold: no cycles, no reaching into another module's internals. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(HavenApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() throws java.io.IOException {
        java.nio.file.Path diagram = java.nio.file.Path.of("target", "spring-modulith-docs", "components.puml");
        java.nio.file.Files.deleteIfExists(diagram);
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.readString(diagram))
                .contains("\"Identity\"", "\"Vault\"", "\"Platform\"");
    }
}
