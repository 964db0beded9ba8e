package org.haven.intake;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.haven.identity.Organizations;
import org.haven.platform.HavenProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The organization that receives public reports (the hotline): {@code HAVEN_INTAKE_ORGANIZATION} (a
 * name or id); without it, the only organization of the installation, or the demo hotline in demo
 * mode. Triage routes reports onward from there.
 */
@Component
class IntakeOrganization {

    static final String DEMO_HOTLINE = "Mekong Child Safety Hotline (demo)";

    private final Organizations organizations;
    private final String configured;
    private final boolean demo;

    IntakeOrganization(
            Organizations organizations,
            HavenProperties properties,
            @Value("${haven.intake.organization:}") String configured) {
        this.organizations = organizations;
        this.configured = configured.strip();
        this.demo = properties.demo();
    }

    /** The receiving organization, or empty when the installation has not named one. */
    Optional<UUID> id() {
        if (!configured.isEmpty()) {
            return organizations.find(configured).map(Organizations.Organization::id);
        }
        if (demo) {
            return organizations.findByName(DEMO_HOTLINE).map(Organizations.Organization::id);
        }
        List<Organizations.Organization> all = organizations.list();
        return all.size() == 1 ? Optional.of(all.get(0).id()) : Optional.empty();
    }
}
