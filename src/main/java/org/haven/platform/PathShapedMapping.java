package org.haven.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's request mapping, looking up a path with a variable among the few mappings whose patterns
 * can match it (decision 47). For such a path, {@code /api/v1/cases/{id}} for one, Spring compares the
 * request with every one of the application's ~220 mappings, each comparison asking the request (through
 * every wrapper of the filter chain) for its method and headers; that was 7–13 % of a case update's
 * processor time in the server. Here the mappings are indexed at start-up by the shape of their patterns —
 * the number of separators and the first segment, or "anywhere" for wildcards, regular expressions and
 * patterns opening with a variable — and only those the path's shape admits are compared, by Spring's own
 * conditions and order.
 *
 * <p>The index only ever passes over mappings Spring would find not to match; wherever the answer could
 * differ, Spring's own lookup decides: a path that is a literal pattern (Spring then looks among those
 * mappings only), a path with percent-encoding (a literal may be spelled encoded), a CORS preflight, a
 * request no mapping takes (Spring works out 404, 405, 406 or 415), two equally good matches, and any
 * lookup after a mapping was added or removed at run time.
 */
class PathShapedMapping extends RequestMappingHandlerMapping {

    /** What a pattern requires of a path: its literal start and, unless {@code -1}, its number of '/'. */
    record Shape(String start, int separators) {

        static Shape of(String pattern) {
            int special = firstSpecial(pattern);
            // A literal pattern is matched whole; otherwise its whole literal segments before the first
            // wildcard or variable ("/api/v1/cases" of "/api/v1/cases/{id}"; "/files" of "/files/**",
            // which matches "/files" too).
            String start = special == pattern.length()
                    ? pattern
                    : pattern.substring(0, Math.max(0, pattern.lastIndexOf('/', special)));
            boolean anyCount = pattern.indexOf('*') >= 0 || pattern.indexOf(':') >= 0;
            return new Shape(start, anyCount ? -1 : separatorsIn(pattern));
        }

        /** The index key of the paths this shape admits, or null where they may have any length or first segment. */
        @Nullable
        String key() {
            return separators < 0 || !start.startsWith("/") ? null : key(separators, start);
        }

        /** A path's index key: its number of separators and its first segment. */
        static String key(int separators, String path) {
            int end = path.indexOf('/', 1);
            return separators + (path.startsWith("/") ? path.substring(0, end < 0 ? path.length() : end) : "");
        }

        boolean admits(String path, int pathSeparators) {
            return (separators < 0 || separators == pathSeparators) && path.startsWith(start);
        }

        private static int firstSpecial(String pattern) {
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '{' || c == '*' || c == '?') {
                    return i;
                }
            }
            return pattern.length();
        }
    }

    /** A mapping with its handler and the shapes of its patterns. */
    record Candidate(RequestMappingInfo info, HandlerMethod method, Shape[] shapes) {

        boolean admits(String path, int separators) {
            for (Shape shape : shapes) {
                if (shape.admits(path, separators)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The mappings by number of separators and first segment of their patterns, each list followed by
     * {@code anywhere}: those that may match paths of any length or whose first segment is not literal; {@code literal} the paths
     * that Spring looks up directly (it then compares only the mappings with that literal pattern).
     */
    private record Index(Map<String, List<Candidate>> byKey, List<Candidate> anywhere, Set<String> literal) {

        static final Index NONE = new Index(Map.of(), List.of(), Set.of());
    }

    private volatile Index index = Index.NONE;

    @Override
    public void afterPropertiesSet() {
        super.afterPropertiesSet();
        PathPatternParser parser = getPatternParser();
        if (parser == null
                || !parser.isCaseSensitive()
                || parser.getPathOptions().separator() != '/'
                || !parser.getPathOptions().shouldDecodeAndParseSegments()) {
            return; // paths compared otherwise than the shapes assume: Spring compares every mapping
        }
        Map<String, List<Candidate>> byKey = new HashMap<>();
        List<Candidate> anywhere = new ArrayList<>();
        Set<String> literal = new HashSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            PathPatternsRequestCondition condition = info.getPathPatternsCondition();
            if (condition == null) {
                return; // a mapping without path patterns: leave every lookup to Spring
            }
            literal.addAll(info.getDirectPaths());
            Shape[] shapes = condition.getPatterns().stream()
                    .map(pattern -> Shape.of(pattern.getPatternString()))
                    .toArray(Shape[]::new);
            Candidate candidate = new Candidate(info, entry.getValue(), shapes);
            Set<String> keys = new HashSet<>();
            for (Shape shape : shapes) {
                keys.add(shape.key());
            }
            if (keys.contains(null)) {
                anywhere.add(candidate);
            } else {
                keys.forEach(key ->
                        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(candidate));
            }
        }
        // Each key's list ends with the "anywhere" mappings, so that a lookup takes one list as it is.
        Map<String, List<Candidate>> withAnywhere = new HashMap<>();
        byKey.forEach((key, keyed) -> {
            List<Candidate> all = new ArrayList<>(keyed);
            all.addAll(anywhere);
            withAnywhere.put(key, List.copyOf(all));
        });
        this.index = new Index(Map.copyOf(withAnywhere), List.copyOf(anywhere), Set.copyOf(literal));
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, java.lang.reflect.Method method) {
        this.index = Index.NONE; // a mapping added at run time: Spring compares every mapping from now on
        super.registerMapping(mapping, handler, method);
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        this.index = Index.NONE;
        super.unregisterMapping(mapping);
    }

    /**
     * Spring's choice among the mappings whose shapes admit the path. Spring's own lookup decides where
     * this could differ from it: a path Spring looks up directly, one with percent-encoding, a CORS
     * preflight, no mapping matching (Spring works out the refusal) and two equally good matches.
     */
    @Override
    protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
            throws Exception {
        List<Candidate> candidates = candidates(lookupPath);
        if (candidates == null || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        int separators = separatorsIn(lookupPath);
        List<Match> matches = new ArrayList<>(2);
        for (Candidate candidate : candidates) {
            if (candidate.admits(lookupPath, separators)) {
                RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
                if (match != null) {
                    matches.add(new Match(match, candidate.method()));
                }
            }
        }
        if (matches.isEmpty()) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Match best = matches.get(0);
        if (matches.size() > 1) {
            Comparator<RequestMappingInfo> comparator = getMappingComparator(request);
            for (Match match : matches) {
                if (comparator.compare(match.mapping(), best.mapping()) < 0) {
                    best = match;
                }
            }
            for (Match match : matches) {
                if (match != best && comparator.compare(match.mapping(), best.mapping()) == 0) {
                    return super.lookupHandlerMethod(lookupPath, request); // Spring names the ambiguity
                }
            }
        }
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, best.method());
        handleMatch(best.mapping(), lookupPath, request);
        return best.method();
    }

    /** A mapping as it matched the request (its patterns narrowed to those that match), with its handler. */
    private record Match(RequestMappingInfo mapping, HandlerMethod method) {}

    /**
     * The mappings of the index that may match the path (a superset of those that do), or null where
     * Spring's own lookup is to decide: no index, a path it looks up directly, percent-encoding.
     */
    @Nullable
    List<Candidate> candidates(String lookupPath) {
        Index known = index;
        if (known == Index.NONE
                || lookupPath.indexOf('%') >= 0
                || known.literal().contains(lookupPath)) {
            return null;
        }
        return known.byKey().getOrDefault(Shape.key(separatorsIn(lookupPath), lookupPath), known.anywhere());
    }

    static int separatorsIn(String path) {
        int count = 0;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                count++;
            }
        }
        return count;
    }
}
