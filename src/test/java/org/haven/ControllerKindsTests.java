package org.haven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.haven.platform.PageController;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every controller says what it answers with: pages ({@link PageController}, which get the layout's
 * model) or JSON ({@link RestController}, which do not). A plain {@code @Controller} would render its
 * pages without navigation or language switch (decision 41).
 */
class ControllerKindsTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.haven");

    @Test
    void noControllerIsAPlainController() {
        noClasses()
                .that()
                .areNotAnnotations()
                .should()
                .beAnnotatedWith(Controller.class)
                .because("a page controller is a @PageController and a JSON one a @RestController")
                .check(classes);
    }

    @Test
    void pagesAndJsonAreBothThere() {
        // The rule above would hold vacuously if the import found no controllers at all.
        assertThat(classes.stream()
                        .filter(type -> type.isAnnotatedWith(PageController.class))
                        .count())
                .isGreaterThan(10);
        assertThat(classes.stream()
                        .filter(type -> type.isAnnotatedWith(RestController.class))
                        .count())
                .isGreaterThan(10);
    }
}
