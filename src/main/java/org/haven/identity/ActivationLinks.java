package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.haven.platform.HavenProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The address activation links start with: {@code HAVEN_PUBLIC_URL} when set (it should be, behind a
 * proxy), else the address the administrator's request came to.
 */
@Component
class ActivationLinks {

    private final HavenProperties properties;

    ActivationLinks(HavenProperties properties) {
        this.properties = properties;
    }

    String base(HttpServletRequest request) {
        if (!properties.publicUrl().isBlank()) {
            return properties.publicUrl().replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }
}
