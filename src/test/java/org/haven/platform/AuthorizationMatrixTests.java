package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.identity.ApiClient;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.identity.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API endpoint against every role: a role whose permissions lack the endpoint's is refused with
 * 403; a role that holds it is never refused for lack of permission. Endpoints are found from the
 * running application, so a new endpoint joins the matrix by itself, and one without
 * {@link Requires} fails it (deny by default).
 */
@HavenTest
class AuthorizationMatrixTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    record Endpoint(RequestMethod method, String path, Permission permission, boolean multipart) {}

    List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            for (String pattern : entry.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")
                        || !entry.getValue().getBeanType().getPackageName().startsWith("org.haven")) {
                    continue;
                }
                Requires requires = entry.getValue().getMethodAnnotation(Requires.class);
                assertThat(requires).as("%s has no @Requires", pattern).isNotNull();
                for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
                    boolean multipart = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                            .anyMatch(MediaType.MULTIPART_FORM_DATA::includes);
                    endpoints.add(new Endpoint(
                            method,
                            pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()),
                            requires.value(),
                            multipart));
                }
            }
        }
        return endpoints;
    }

    @Test
    void everyEndpointAllowsExactlyTheRolesHoldingItsPermission() {
        ApiClient api = new ApiClient(port);
        IdentityFixtures identity = new IdentityFixtures(context);
        UUID organization = identity.organization("Matrix");
        Map<Role, String> tokens = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            tokens.put(role, identity.token(identity.person(organization, role)));
        }
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::path).anyMatch(p -> p.startsWith("/api/v1/cases/"));

        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (Role role : Role.values()) {
                boolean allowed = role.permissions().contains(endpoint.permission());
                String body = endpoint.method() == RequestMethod.GET || endpoint.method() == RequestMethod.DELETE
                        ? null
                        : "{}";
                HttpResponse<String> response = endpoint.multipart()
                        ? api.upload(
                                endpoint.path(), tokens.get(role), Map.of("kind", "OTHER"), "a.txt", new byte[] {'a'})
                        : api.send(endpoint.method().name(), endpoint.path(), tokens.get(role), body, "\"0\"");
                boolean refused = response.statusCode() == 403;
                if (allowed == refused || response.statusCode() == 401 || response.statusCode() >= 500) {
                    wrong.add("%s %s as %s: %d"
                            .formatted(endpoint.method(), endpoint.path(), role, response.statusCode()));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void withoutATokenEveryEndpointAnswers401() {
        ApiClient api = new ApiClient(port);
        for (Endpoint endpoint : endpoints()) {
            assertThat(api.send(endpoint.method().name(), endpoint.path(), null, null, null)
                            .statusCode())
                    .as("%s %s", endpoint.method(), endpoint.path())
                    .isEqualTo(401);
        }
    }
}
