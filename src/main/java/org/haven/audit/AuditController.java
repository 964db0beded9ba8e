package org.haven.audit;

import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Screens: look up a record's access log and change history. */
@PageController
class AuditController {

    private final AccessLog log;

    AuditController(AccessLog log) {
        this.log = log;
    }

    @GetMapping("/audit")
    String lookup(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "record", required = false) String record,
            Model model) {
        requireReader(me);
        if (record == null) {
            return "audit/lookup";
        }
        try {
            return "redirect:/audit/records/" + UUID.fromString(record.strip());
        } catch (IllegalArgumentException e) {
            model.addAttribute("errorKey", "audit.record.invalid");
            model.addAttribute("record", record);
            return "audit/lookup";
        }
    }

    @GetMapping("/audit/records/{id}")
    String record(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        requireReader(me);
        model.addAttribute("recordId", id);
        model.addAttribute("entries", log.of(me, id));
        return "audit/record";
    }

    private static void requireReader(CurrentUser me) {
        if (!AccessLog.mayRead(me)) {
            throw new Refusal(Refusal.Status.FORBIDDEN, "audit.forbidden");
        }
    }
}
