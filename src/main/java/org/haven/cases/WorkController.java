package org.haven.cases;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.identity.StaffDirectory;
import org.haven.platform.HomeSection;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The work screens: a caseworker's day (on the home page too), a supervisor's team view with
 * reassignment, alerts, tasks, break-glass and the follow-up schedule.
 */
@PageController
class WorkController implements HomeSection {

    private final Worklists worklists;
    private final WorkItems work;
    private final Alerts alerts;
    private final Cases cases;
    private final BreakGlass breakGlass;
    private final FollowUps followUps;
    private final StaffDirectory staff;
    private final MessageSource messages;

    WorkController(
            Worklists worklists,
            WorkItems work,
            Alerts alerts,
            Cases cases,
            BreakGlass breakGlass,
            FollowUps followUps,
            StaffDirectory staff,
            MessageSource messages) {
        this.worklists = worklists;
        this.work = work;
        this.alerts = alerts;
        this.cases = cases;
        this.breakGlass = breakGlass;
        this.followUps = followUps;
        this.staff = staff;
        this.messages = messages;
    }

    /** What the caseworker must do today, shown on the home page. */
    record Day(Worklists.MyDay day, List<Alerts.Alert> alerts) {}

    @Override
    public Optional<Rendered> render(Principal user) {
        if (user instanceof CurrentUser me && me.can(Permission.CASE_READ)) {
            return Optional.of(new Rendered("cases/day", new Day(worklists.myDay(me), alerts.unread(me))));
        }
        return Optional.empty();
    }

    @GetMapping("/work")
    @Requires(Permission.CASE_READ)
    String day(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("data", new Day(worklists.myDay(me), alerts.unread(me)));
        return "cases/work";
    }

    @PostMapping("/work/tasks/{task}/completion")
    @Requires(Permission.CASE_WRITE)
    String complete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID task, RedirectAttributes redirect) {
        work.complete(me, task);
        redirect.addFlashAttribute("successKey", "task.done");
        return "redirect:/work";
    }

    @PostMapping("/work/alerts/{alert}/dismissal")
    @Requires(Permission.SIGN_IN)
    String dismiss(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID alert) {
        alerts.dismiss(me, alert);
        return "redirect:/work";
    }

    @GetMapping("/work/team")
    @Requires(Permission.CASE_APPROVE)
    String team(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("team", worklists.team(me));
        model.addAttribute("open", worklists.list(me, new Worklists.Filter(null, null, null, null, true)));
        model.addAttribute("caseworkers", staff.holding(me.organizationId(), null, Permission.CASE_WRITE));
        model.addAttribute("schedule", followUps.scheduleOf(me));
        return "cases/team";
    }

    @PostMapping("/work/team/assignment")
    @Requires(Permission.CASE_ASSIGN)
    String assign(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "caseIds", required = false) List<UUID> caseIds,
            @RequestParam(required = false) UUID caseworkerId,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            if (caseIds == null || caseIds.isEmpty() || caseworkerId == null) {
                throw new Refusal(Refusal.Status.UNPROCESSABLE, "case.assign.choose");
            }
            int assigned = cases.assign(me, caseIds, caseworkerId);
            redirect.addFlashAttribute("successKey", "case.assigned");
            redirect.addFlashAttribute("assigned", assigned);
        } catch (Refusal refused) {
            redirect.addFlashAttribute("errorText", text(refused, locale));
        }
        return "redirect:/work/team";
    }

    @PostMapping("/work/team/schedule")
    @Requires(Permission.CASE_APPROVE)
    String schedule(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(defaultValue = "") String months,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            List<Integer> parsed = java.util.Arrays.stream(months.split("[,\\s]+"))
                    .filter(s -> !s.isBlank())
                    .map(CaseForms::number)
                    .toList();
            followUps.changeSchedule(me, parsed);
            redirect.addFlashAttribute("successKey", "followUp.schedule.saved");
        } catch (Refusal refused) {
            redirect.addFlashAttribute("errorText", text(refused, locale));
        }
        return "redirect:/work/team#schedule";
    }

    @GetMapping("/break-glass")
    @Requires(Permission.BREAK_GLASS)
    String breakGlassForm(Model model) {
        model.addAttribute("form", new BreakGlass.Request(null, null, 60));
        return "cases/break-glass";
    }

    @PostMapping("/break-glass")
    @Requires(Permission.BREAK_GLASS)
    String breakGlass(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(defaultValue = "60") int minutes,
            Model model,
            Locale locale) {
        BreakGlass.Request form = new BreakGlass.Request(reference, reason, minutes);
        try {
            if (minutes < 5 || minutes > 240) {
                throw new Refusal(Refusal.Status.UNPROCESSABLE, "breakGlass.minutes");
            }
            BreakGlass.Grant grant = breakGlass.open(me, form);
            return "redirect:/cases/" + grant.caseId() + "?brokeGlass";
        } catch (Refusal refused) {
            model.addAttribute("form", form);
            model.addAttribute("errorText", text(refused, locale));
            return "cases/break-glass";
        }
    }

    private String text(Refusal refused, Locale locale) {
        return messages.getMessage(refused.messageKey(), refused.arguments(), refused.messageKey(), locale);
    }
}
