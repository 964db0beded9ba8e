package org.haven.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The access log and change history of one record, for supervisors and auditors. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
class AccessLogApi {

    private final AccessLog log;

    AccessLogApi(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/records/{id}")
    @Requires(Permission.ACCESS_LOG_READ)
    @Operation(
            summary = "Who read, searched or changed a record, when and how; old and new values of changes."
                    + " Needs ACCESS_LOG_READ; reading it is audited too")
    List<AccessLog.Entry> record(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return log.of(me, id);
    }
}
