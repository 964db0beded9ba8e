package org.haven.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** People over the API: every read, search and change audited like on the screens. */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "People")
@SecurityRequirement(name = "bearer")
class PeopleApi {

    private final People people;
    private final SearchShare share;

    PeopleApi(People people, SearchShare share) {
        this.people = people;
        this.share = share;
    }

    @PostMapping
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Register a person of the token owner's organization")
    ResponseEntity<PersonView> register(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody PersonInput body) {
        PersonView person = people.register(me, body);
        return ResponseEntity.created(URI.create("/api/v1/people/" + person.id()))
                .eTag(etag(person))
                .body(person);
    }

    @GetMapping("/{id}")
    @Requires(Permission.CASE_READ)
    @Operation(summary = "One person (the read is audited); the ETag is the version to send back when changing")
    ResponseEntity<PersonView> get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        PersonView person = people.get(me, id);
        return ResponseEntity.ok().eTag(etag(person)).body(person);
    }

    @PatchMapping("/{id}")
    @Requires(Permission.CASE_WRITE)
    @Operation(summary = "Change a person; If-Match must carry the ETag read, or the change is refused (412)")
    ResponseEntity<PersonView> change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody PersonInput body) {
        PersonView person = people.change(me, id, version(ifMatch), body);
        return ResponseEntity.ok().eTag(etag(person)).body(person);
    }

    @GetMapping
    @Requires(Permission.CASE_READ)
    @Operation(summary = "Find people by name (any spelling or script close to it) or phone number; audited")
    List<People.Match> search(@AuthenticationPrincipal CurrentUser me, @RequestParam("q") String query) {
        return share.run(() -> people.search(me, query));
    }

    static String etag(PersonView person) {
        return etag(person.version());
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

    static int version(String ifMatch) {
        return version(ifMatch, "person");
    }

    static int version(String ifMatch, String record) {
        return org.haven.platform.IfMatch.version(ifMatch, record);
    }
}
