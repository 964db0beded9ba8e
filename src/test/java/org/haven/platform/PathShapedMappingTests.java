package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.EmbeddedValueResolver;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UrlPathHelper;

/**
 * {@link PathShapedMapping} sends every request where Spring's own mapping sends it: the same handler
 * method with the same path variables, or the same refusal (no handler, 405, 415, 406). Compared over
 * every pattern of the application, each bent in the ways a request may differ from it, and over patterns
 * chosen for their wildcards, regular expressions and empty paths.
 */
@HavenTest
class PathShapedMappingTests {

    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    @Autowired
    ApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping serving;

    @Test
    void theServerMapsRequestsWithIt() {
        assertThat(serving).isInstanceOf(PathShapedMapping.class);
    }

    @Test
    void everyPathOfTheApplicationGoesWhereSpringWouldSendIt() throws Exception {
        // The server's own mapping, against Spring's set up alike.
        PathShapedMapping shaped = (PathShapedMapping) serving;
        RequestMappingHandlerMapping spring = new RequestMappingHandlerMapping();
        spring.setContentNegotiationManager(serving.getContentNegotiationManager());
        spring.setPatternParser(serving.getPatternParser());
        spring.setEmbeddedValueResolver(
                new EmbeddedValueResolver(((ConfigurableApplicationContext) context).getBeanFactory()));
        build(spring, context);
        Set<String> patterns = patternsOf(spring);
        assertThat(patterns).hasSizeGreaterThan(100).contains("/api/v1/cases/{id}");
        int compared = compare(shaped, spring, paths(patterns));
        assertThat(compared).isGreaterThan(10_000);
        // A case's path is compared with a few mappings, the case change among them (of ~220).
        String casePath = "/api/v1/cases/0192f3a4-5b6c-7d8e-9f01-23456789abcd";
        List<PathShapedMapping.Candidate> forCase = shaped.candidates(casePath).stream()
                .filter(candidate -> candidate.admits(casePath, PathShapedMapping.separatorsIn(casePath)))
                .toList();
        assertThat(forCase).hasSizeBetween(1, 5);
        assertThat(forCase)
                .extracting(candidate -> candidate.method().getMethod().getName())
                .contains("change");
    }

    @Test
    void wildcardsExpressionsAndEmptyPathsGoWhereSpringWouldSendThem() throws Exception {
        StaticApplicationContext own = new StaticApplicationContext();
        own.registerSingleton("shapes", Shapes.class);
        own.refresh();
        PathShapedMapping shaped = build(new PathShapedMapping(), own);
        RequestMappingHandlerMapping spring = build(new RequestMappingHandlerMapping(), own);
        List<String> paths = paths(patternsOf(spring));
        paths.addAll(List.of(
                "",
                "/",
                "//",
                "/files",
                "/files/",
                "/files/a/b/c",
                "/filesx",
                "/tree",
                "/tree/a/b",
                "/codes/abc",
                "/codes/ab1",
                "/codes/ABC",
                "/codes/abc/def",
                "/items/x1.json",
                "/items/.json",
                "/items/x1.jsonx",
                "/letters/ab",
                "/letters/abc",
                "/letters/a",
                "/letters/a/b",
                "/deep/a/b/c/end",
                "/end",
                "/a/end",
                "/deep/a/end/x",
                "/codes;v=1/abc",
                "/co%64es/abc",
                "/files%2Fa",
                "/cases/1/notes/",
                "/cases//notes",
                "/even/x"));
        compare(shaped, spring, paths);
    }

    /** Over-eager shapes would show here: each must admit every path its pattern can match. */
    @Test
    void aShapeAdmitsEveryPathItsPatternCanMatch() {
        assertThat(PathShapedMapping.Shape.of("/api/v1/cases/{id}"))
                .isEqualTo(new PathShapedMapping.Shape("/api/v1/cases", 4));
        assertThat(PathShapedMapping.Shape.of("/api/v1/me")).isEqualTo(new PathShapedMapping.Shape("/api/v1/me", 3));
        assertThat(PathShapedMapping.Shape.of("/files/**")).isEqualTo(new PathShapedMapping.Shape("/files", -1));
        assertThat(PathShapedMapping.Shape.of("/codes/{code:[a-z]+}"))
                .isEqualTo(new PathShapedMapping.Shape("/codes", -1));
        assertThat(PathShapedMapping.Shape.of("/letters/a?")).isEqualTo(new PathShapedMapping.Shape("/letters", 2));
        assertThat(PathShapedMapping.Shape.of("")).isEqualTo(new PathShapedMapping.Shape("", 0));
        assertThat(PathShapedMapping.Shape.of("/files/**").admits("/files", 1)).isTrue();
        assertThat(PathShapedMapping.Shape.of("/api/v1/cases/{id}").admits("/api/v1/cases/x/notes", 5))
                .isFalse();
        assertThat(PathShapedMapping.Shape.of("/api/v1/cases/{id}").admits("/api/v1/people/x", 4))
                .isFalse();
    }

    private static <M extends RequestMappingHandlerMapping> M build(M mapping, ApplicationContext context) {
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        return mapping;
    }

    private static Set<String> patternsOf(RequestMappingHandlerMapping mapping) {
        Set<String> patterns = new LinkedHashSet<>();
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            patterns.addAll(info.getPatternValues());
        }
        return patterns;
    }

    /** Each pattern with its variables filled in, and bent: longer, shorter, other case, encoded, with matrix parameters. */
    private static List<String> paths(Set<String> patterns) {
        Set<String> paths = new LinkedHashSet<>();
        for (String pattern : patterns) {
            String path = pattern.replaceAll("\\{\\*[^}]+}", "a/b")
                    .replaceAll("\\{[^}]+}", "0192f3a4-5b6c-7d8e-9f01-23456789abcd")
                    .replace("**", "a/b")
                    .replace("*", "x")
                    .replace("?", "q");
            paths.add(path);
            paths.add(path + "/");
            paths.add(path + "/extra");
            paths.add(path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "/");
            paths.add(path.toUpperCase(java.util.Locale.ROOT));
            paths.add(encodeFirstLetter(path));
            paths.add(path.replaceFirst("/([a-z0-9]+)", "/$1;v=1"));
        }
        return new ArrayList<>(paths);
    }

    /** "/api/v1" as "/%61pi/v1": the same path to Spring once decoded. */
    private static String encodeFirstLetter(String path) {
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (path.charAt(i - 1) == '/' && c >= 'a' && c <= 'z') {
                return path.substring(0, i) + "%" + Integer.toHexString(c) + path.substring(i + 1);
            }
        }
        return path;
    }

    private static int compare(PathShapedMapping shaped, RequestMappingHandlerMapping spring, List<String> paths)
            throws Exception {
        int compared = 0;
        for (String path : paths) {
            for (String method : METHODS) {
                for (String[] headers : List.of(
                        new String[] {"application/json", null},
                        new String[] {"text/html", null},
                        new String[] {"application/json", "application/json"},
                        new String[] {"*/*", "multipart/form-data; boundary=x"},
                        new String[] {"application/json", "text/plain"})) {
                    Outcome springs = outcome(spring, path, method, headers);
                    assertThat(outcome(shaped, path, method, headers).text())
                            .as("%s %s accept %s content %s", method, path, headers[0], headers[1])
                            .isEqualTo(springs.text());
                    // As Spring gives the path to the lookup: matrix parameters taken out. Spring's choice
                    // must be among the candidates the path's shape admits, or a worse match could win.
                    String lookupPath = UrlPathHelper.defaultInstance.removeSemicolonContent(path);
                    List<PathShapedMapping.Candidate> candidates = shaped.candidates(lookupPath);
                    if (springs.handler() != null && candidates != null) {
                        assertThat(candidates.stream()
                                        .filter(candidate -> candidate.admits(
                                                lookupPath, PathShapedMapping.separatorsIn(lookupPath))))
                                .as("candidates admitting %s", path)
                                .extracting(candidate -> candidate.method().getMethod())
                                .contains(springs.handler());
                    }
                    compared++;
                }
            }
        }
        return compared;
    }

    /** Where the mapping sends the request, with the path variables it found, or what it refuses. */
    record Outcome(String text, java.lang.reflect.@org.jspecify.annotations.Nullable Method handler) {}

    private static Outcome outcome(RequestMappingHandlerMapping mapping, String path, String method, String[] headers) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Accept", headers[0]);
        if (headers[1] != null) {
            request.setContentType(headers[1]);
            request.setContent("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (method.equals("OPTIONS")) {
            request.addHeader("Origin", "https://elsewhere.example");
            request.addHeader("Access-Control-Request-Method", "PATCH");
        }
        try {
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain == null) {
                return new Outcome("none", null);
            }
            Object handler = chain.getHandler();
            java.lang.reflect.Method handlerMethod = handler instanceof HandlerMethod found ? found.getMethod() : null;
            String where = handlerMethod != null
                    ? handlerMethod.toString()
                    : handler.getClass().getName();
            Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            return new Outcome(where + " " + (variables instanceof Map<?, ?> map ? map : "-"), handlerMethod);
        } catch (Exception refused) {
            return new Outcome(refused.getClass().getName() + ": " + refused.getMessage(), null);
        }
    }

    /** Patterns chosen for what {@link PathShapedMapping.Shape} must not get wrong. */
    @Controller
    @RequestMapping
    static class Shapes {

        @GetMapping("")
        @ResponseBody
        String root() {
            return "root";
        }

        @GetMapping("/files/**")
        @ResponseBody
        String files() {
            return "files";
        }

        @GetMapping("/tree/{*rest}")
        @ResponseBody
        String tree() {
            return "tree";
        }

        @GetMapping("/codes/{code:[a-z]+}")
        @ResponseBody
        String code() {
            return "code";
        }

        @PostMapping(path = "/codes/{code}", consumes = "application/json")
        @ResponseBody
        String newCode() {
            return "new code";
        }

        /** One mapping, two patterns of other shapes: indexed under both. */
        @GetMapping({"/items/{name}.json", "/letters/a?"})
        @ResponseBody
        String itemOrLetters() {
            return "item or letters";
        }

        @GetMapping("/**/end")
        @ResponseBody
        String anyEnd() {
            return "end";
        }

        /** Two patterns as good as each other for "/even/x": Spring refuses to choose. */
        @GetMapping("/even/{a}")
        @ResponseBody
        String evenA() {
            return "a";
        }

        @GetMapping("/even/{b}")
        @ResponseBody
        String evenB() {
            return "b";
        }

        @PatchMapping(path = "/cases/{id}/notes", produces = "application/json")
        @ResponseBody
        String notes() {
            return "notes";
        }
    }
}
