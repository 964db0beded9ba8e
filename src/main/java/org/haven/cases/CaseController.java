package org.haven.cases;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.Requires;
import org.haven.identity.StaffDirectory;
import org.haven.identity.StaffNames;
import org.haven.platform.PageController;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case screens: the list with filters and fuzzy search, registering a child (after the duplicate
 * check), and the case page with its sections. Each form posts, redirects on success, and on a
 * refusal comes back with the message on top and everything typed kept.
 */
@PageController
@RequestMapping("/cases")
class CaseController {

    private final Cases cases;
    private final Worklists worklists;
    private final Consents consents;
    private final Assessments assessments;
    private final CarePlans plans;
    private final CaseNotes notes;
    private final FollowUps followUps;
    private final WorkItems work;
    private final Relations relations;
    private final Attachments attachments;
    private final StaffNames names;
    private final StaffDirectory staff;
    private final MessageSource messages;
    private final Validator validator;
    private final SearchShare share;

    CaseController(
            Cases cases,
            Worklists worklists,
            Consents consents,
            Assessments assessments,
            CarePlans plans,
            CaseNotes notes,
            FollowUps followUps,
            WorkItems work,
            Relations relations,
            Attachments attachments,
            StaffNames names,
            StaffDirectory staff,
            MessageSource messages,
            Validator validator,
            SearchShare share) {
        this.share = share;
        this.cases = cases;
        this.worklists = worklists;
        this.consents = consents;
        this.assessments = assessments;
        this.plans = plans;
        this.notes = notes;
        this.followUps = followUps;
        this.work = work;
        this.relations = relations;
        this.attachments = attachments;
        this.names = names;
        this.staff = staff;
        this.messages = messages;
        this.validator = validator;
    }

    @ModelAttribute("codes")
    CaseCodes codes() {
        return CaseCodes.INSTANCE;
    }

    @GetMapping
    @Requires(Permission.CASE_READ)
    String list(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String risk,
            @RequestParam(defaultValue = "false") boolean open,
            Model model,
            Locale locale) {
        model.addAttribute("query", query);
        model.addAttribute("stage", stage);
        model.addAttribute("risk", risk);
        model.addAttribute("open", open);
        try {
            Worklists.Filter filter = new Worklists.Filter(query, stage, risk, null, open);
            model.addAttribute(
                    "rows",
                    filter.searchesNames() ? share.run(() -> worklists.list(me, filter)) : worklists.list(me, filter));
        } catch (Refusal refused) {
            model.addAttribute("rows", List.of());
            model.addAttribute("errorText", text(refused, locale));
        }
        return "cases/list";
    }

    @GetMapping("/new")
    @Requires(Permission.CASE_WRITE)
    String registration(Model model) {
        model.addAttribute("form", CaseForms.Registration.empty());
        return "cases/new";
    }

    @PostMapping("/new")
    @Requires(Permission.CASE_WRITE)
    String register(@AuthenticationPrincipal CurrentUser me, CaseForms.Registration form, Model model, Locale locale) {
        model.addAttribute("form", form);
        try {
            UUID id = cases.open(
                    me,
                    new NewCase(
                            checked(form.person()),
                            null,
                            checked(form.details()),
                            Boolean.TRUE.equals(form.createAnyway())));
            return "redirect:/cases/" + id + "?opened";
        } catch (PossibleDuplicates duplicates) {
            model.addAttribute("matches", duplicates.matches());
            model.addAttribute("hiddenMatches", duplicates.hidden());
            return "cases/new";
        } catch (Refusal refused) {
            model.addAttribute("errorText", text(refused, locale));
            return "cases/new";
        }
    }

    @GetMapping("/{id}")
    @Requires(Permission.CASE_READ)
    String page(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        return page(me, id, model, null);
    }

    private String page(CurrentUser me, UUID id, Model model, String section) {
        CaseView view = cases.view(me, id);
        List<Assessments.Assessment> assessed = assessments.of(me, id);
        model.addAttribute("c", view);
        model.addAttribute("consents", consents.of(me, id));
        model.addAttribute("assessments", assessed);
        model.addAttribute("plan", plans.of(me, id));
        model.addAttribute("notes", notes.of(me, id));
        model.addAttribute("followUps", followUps.of(me, id));
        model.addAttribute("flags", work.flags(me, id));
        model.addAttribute("tasks", work.tasksOf(me, id));
        model.addAttribute("relations", relations.of(me, id));
        model.addAttribute("attachments", attachments.of(me, id));
        model.addAttribute("timeline", cases.timeline(me, id));
        model.addAttribute("colleagues", staff.holding(me.organizationId(), null, Permission.CASE_WRITE));
        model.addAttribute(
                "caseworkerName",
                names.of(view.caseworkerId() == null ? List.of() : List.of(view.caseworkerId()))
                        .get(view.caseworkerId()));
        model.addAttribute("staffNames", names.of(staffIn(view, assessed)));
        model.addAttribute("canApprove", me.can(Permission.CASE_APPROVE));
        model.addAttribute("errorSection", section);
        model.addAttribute("today", LocalDate.now());
        defaults(model, assessed.isEmpty());
        return "cases/case";
    }

    private static List<UUID> staffIn(CaseView view, List<Assessments.Assessment> assessed) {
        List<UUID> ids = new java.util.ArrayList<>();
        ids.add(view.caseworkerId());
        ids.add(view.planApprovedBy());
        ids.add(view.closureRequestedBy());
        assessed.forEach(a -> ids.add(a.assessedBy()));
        return ids.stream().filter(java.util.Objects::nonNull).toList();
    }

    private static void defaults(Model model, boolean firstAssessment) {
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("consentForm", CaseForms.Consent.empty());
        empty.put("assessmentForm", CaseForms.Assessment.empty(firstAssessment));
        empty.put("goalForm", new CaseForms.Goal(null, null));
        empty.put("serviceForm", new CaseForms.Service(null, null, null, null, null));
        empty.put("noteForm", CaseForms.Note.empty());
        empty.put("followUpForm", CaseForms.FollowUp.empty());
        empty.put(
                "taskForm",
                new CaseForms.Task(null, null, LocalDate.now().plusDays(7).toString()));
        empty.put("relationForm", new CaseForms.Relation("MOTHER", true, null, null, null));
        empty.put("flagForm", new WorkItems.FlagInput("SAFETY_CONCERN", null));
        empty.forEach((name, value) -> {
            if (!model.containsAttribute(name)) {
                model.addAttribute(name, value);
            }
        });
    }

    @GetMapping("/{id}/edit")
    @Requires(Permission.CASE_WRITE)
    String edit(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        CaseView view = cases.view(me, id);
        model.addAttribute("c", view);
        CaseForms.Edit form = CaseForms.Edit.of(view);
        model.addAttribute("form", form);
        model.addAttribute("base", StaleEdits.base(form));
        model.addAttribute("conflicts", List.of());
        return "cases/edit";
    }

    @PostMapping("/{id}/edit")
    @Requires(Permission.CASE_WRITE)
    String change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Edit form,
            @RequestParam(required = false) String base,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            CaseChange change = form.change();
            checked(change.person());
            checked(change.details());
            cases.change(me, id, form.version(), change);
        } catch (Refusal refused) {
            CaseView current = cases.view(me, id);
            model.addAttribute("c", current);
            model.addAttribute("errorText", text(refused, locale));
            if (refused.status() == Status.PRECONDITION_FAILED) {
                CaseForms.Edit saved = CaseForms.Edit.of(current);
                StaleEdits.Merged merged = StaleEdits.merge(form, StaleEdits.read(base), saved);
                model.addAttribute("form", merged.form());
                model.addAttribute("saved", saved);
                model.addAttribute("conflicts", merged.conflicts());
                model.addAttribute("base", StaleEdits.base(saved));
            } else {
                model.addAttribute("form", form);
                model.addAttribute("conflicts", List.of());
                model.addAttribute("base", base);
            }
            return "cases/edit";
        }
        redirect.addFlashAttribute("successKey", "case.saved");
        return "redirect:/cases/" + id;
    }

    @PostMapping("/{id}/stage")
    @Requires(Permission.CASE_WRITE)
    String move(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam String stage,
            @RequestParam(required = false) String consentOverride,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(
                me,
                id,
                "stage",
                model,
                locale,
                redirect,
                "case.stage.moved",
                () -> cases.move(
                        me,
                        id,
                        version,
                        Vocabulary.code(CaseStage.class, stage, "stage"),
                        CaseForms.blank(consentOverride)));
    }

    @PostMapping("/{id}/closure")
    @Requires(Permission.CASE_WRITE)
    String requestClosure(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam(defaultValue = "") String reason,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("closureReason", reason);
        return act(
                me,
                id,
                "closure",
                model,
                locale,
                redirect,
                "case.closure.requested",
                () -> cases.requestClosure(me, id, version, reason));
    }

    @PostMapping("/{id}/closure/decision")
    @Requires(Permission.CASE_APPROVE)
    String decideClosure(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            @RequestParam boolean approve,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(
                me,
                id,
                "closure",
                model,
                locale,
                redirect,
                approve ? "case.closure.approved" : "case.closure.refused",
                () -> cases.decideClosure(me, id, version, approve));
    }

    @PostMapping("/{id}/consents")
    @Requires(Permission.CASE_WRITE)
    String consent(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Consent form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("consentForm", form);
        return act(
                me,
                id,
                "consent",
                model,
                locale,
                redirect,
                "consent.recorded",
                () -> consents.record(me, id, checked(form.input())));
    }

    @PostMapping("/{id}/consents/{consent}/withdrawal")
    @Requires(Permission.CASE_WRITE)
    String withdraw(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID consent,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(me, id, "consent", model, locale, redirect, "consent.withdrawn", () -> {
            consents.withdraw(me, id, consent, null);
            return null;
        });
    }

    @PostMapping("/{id}/assessments")
    @Requires(Permission.CASE_WRITE)
    String assess(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> fields,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        Map<String, String> ratings = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (Assessments.Domain domain : Assessments.Domain.values()) {
            ratings.put(domain.name(), fields.getFirst("rating_" + domain.name()));
            written.put(domain.name(), fields.getFirst("note_" + domain.name()));
        }
        CaseForms.Assessment form = new CaseForms.Assessment(
                fields.getFirst("kind"),
                fields.getFirst("assessedOn"),
                ratings,
                written,
                fields.getFirst("hivTest"),
                fields.getFirst("stiTreatment"));
        model.addAttribute("assessmentForm", form);
        return act(
                me,
                id,
                "assessment",
                model,
                locale,
                redirect,
                "assessment.recorded",
                () -> assessments.record(me, id, checked(form.input())));
    }

    @PostMapping("/{id}/goals")
    @Requires(Permission.CASE_WRITE)
    String goal(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Goal form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("goalForm", form);
        return act(
                me,
                id,
                "plan",
                model,
                locale,
                redirect,
                "plan.goal.added",
                () -> plans.addGoal(me, id, checked(new CarePlans.GoalInput(form.need(), form.description()))));
    }

    @PostMapping("/{id}/services")
    @Requires(Permission.CASE_WRITE)
    String service(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Service form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("serviceForm", form);
        return act(
                me,
                id,
                "plan",
                model,
                locale,
                redirect,
                "plan.service.added",
                () -> plans.addService(me, id, checked(form.input())));
    }

    @PostMapping("/{id}/services/{service}")
    @Requires(Permission.CASE_WRITE)
    String serviceStatus(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID service,
            @RequestParam int version,
            @RequestParam String status,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(me, id, "plan", model, locale, redirect, "plan.service.updated", () -> {
            plans.updateService(me, id, service, version, checked(new CarePlans.ServiceUpdate(status)));
            return null;
        });
    }

    @PostMapping("/{id}/plan/submission")
    @Requires(Permission.CASE_WRITE)
    String submit(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(me, id, "plan", model, locale, redirect, "plan.submitted", () -> {
            plans.submit(me, id, version);
            return null;
        });
    }

    @PostMapping("/{id}/plan/approval")
    @Requires(Permission.CASE_APPROVE)
    String approve(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam int version,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(me, id, "plan", model, locale, redirect, "plan.approved", () -> {
            plans.approve(me, id, version);
            return null;
        });
    }

    @PostMapping("/{id}/notes")
    @Requires(Permission.CASE_WRITE)
    String note(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Note form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("noteForm", form);
        return act(
                me,
                id,
                "notes",
                model,
                locale,
                redirect,
                "note.added",
                () -> notes.add(me, id, checked(new CaseNotes.NoteInput(form.kind(), form.happenedOn(), form.body()))));
    }

    @PostMapping("/{id}/follow-ups/{followUp}")
    @Requires(Permission.CASE_WRITE)
    String followUp(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID followUp,
            CaseForms.FollowUp form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("followUpForm", form);
        return act(me, id, "followUps", model, locale, redirect, "followUp.recorded", () -> {
            followUps.record(me, id, followUp, checked(form.input()));
            return null;
        });
    }

    @PostMapping("/{id}/flags")
    @Requires(Permission.CASE_WRITE)
    String flag(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            WorkItems.FlagInput form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("flagForm", form);
        return act(me, id, "flags", model, locale, redirect, "flag.raised", () -> work.raise(me, id, checked(form)));
    }

    @PostMapping("/{id}/flags/{flag}/clearance")
    @Requires(Permission.CASE_WRITE)
    String clearFlag(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @PathVariable UUID flag,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        return act(me, id, "flags", model, locale, redirect, "flag.cleared", () -> {
            work.clear(me, id, flag);
            return null;
        });
    }

    @PostMapping("/{id}/tasks")
    @Requires(Permission.CASE_WRITE)
    String task(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Task form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("taskForm", form);
        return act(
                me,
                id,
                "tasks",
                model,
                locale,
                redirect,
                "task.added",
                () -> work.addTask(
                        me,
                        id,
                        checked(new WorkItems.TaskInput(
                                form.title(), CaseForms.uuid(form.assigneeId()), form.dueOn()))));
    }

    @PostMapping("/{id}/relations")
    @Requires(Permission.CASE_WRITE)
    String relation(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            CaseForms.Relation form,
            Model model,
            Locale locale,
            RedirectAttributes redirect) {
        model.addAttribute("relationForm", form);
        return act(
                me,
                id,
                "relations",
                model,
                locale,
                redirect,
                "relation.added",
                () -> relations.add(
                        me,
                        id,
                        checked(new Relations.RelationInput(
                                form.relationship(),
                                Boolean.TRUE.equals(form.guardian()),
                                form.name(),
                                form.phone(),
                                form.address(),
                                null))));
    }

    @PostMapping("/{id}/attachments")
    @Requires(Permission.CASE_WRITE)
    String attach(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @RequestParam String kind,
            @RequestParam("file") MultipartFile file,
            Model model,
            Locale locale,
            RedirectAttributes redirect)
            throws IOException {
        byte[] content = file.getBytes();
        return act(
                me,
                id,
                "attachments",
                model,
                locale,
                redirect,
                "attachment.added",
                () -> attachments.attach(me, id, kind, file.getOriginalFilename(), content));
    }

    @GetMapping("/{id}/attachments/{attachment}")
    @Requires(Permission.CASE_READ)
    ResponseEntity<byte[]> download(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID attachment) {
        return AttachmentResponses.of(attachments.download(me, id, attachment));
    }

    /** Runs one action of the case page: on success back to the page, on refusal the page with the message. */
    private String act(
            CurrentUser me,
            UUID id,
            String section,
            Model model,
            Locale locale,
            RedirectAttributes redirect,
            String successKey,
            Supplier<?> action) {
        try {
            action.get();
        } catch (Refusal refused) {
            if (refused.status() == Status.NOT_FOUND && refused.messageKey().equals("case.notFound")) {
                throw refused;
            }
            model.addAttribute("errorText", text(refused, locale));
            return page(me, id, model, section);
        }
        redirect.addFlashAttribute("successKey", successKey);
        return "redirect:/cases/" + id + "#" + section;
    }

    private <T> T checked(T input) {
        if (input == null) {
            return null;
        }
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            String field =
                    violations.iterator().next().getPropertyPath().toString().replaceAll("[\\[.].*", "");
            throw new Refusal(Status.UNPROCESSABLE, "case.form.invalid", Vocabulary.label(field));
        }
        return input;
    }

    private String text(Refusal refused, Locale locale) {
        return messages.getMessage(refused.messageKey(), refused.arguments(), refused.messageKey(), locale);
    }
}
