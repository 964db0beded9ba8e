package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.haven.platform.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration screens: staff, teams, and (for network administrators) organizations. */
@PageController
class AdminController {

    /** The invitation form. */
    record InviteForm(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull Role role,
            UUID teamId,
            UUID organizationId,
            @NotBlank String language) {

        static InviteForm empty() {
            return new InviteForm("", "", Role.CASEWORKER, null, null, "en");
        }
    }

    /** The change form for one account. */
    record ChangeForm(
            @NotNull Role role, UUID teamId, @NotNull UserStatus status, int version) {}

    private final UserAdministration administration;
    private final Organizations organizations;
    private final ActivationLinks links;

    AdminController(UserAdministration administration, Organizations organizations, ActivationLinks links) {
        this.administration = administration;
        this.organizations = organizations;
        this.links = links;
    }

    @GetMapping("/admin/users")
    @Requires(Permission.USER_READ)
    String users(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "organization", required = false) UUID organization,
            Model model) {
        model.addAttribute("users", administration.list(me, organization));
        model.addAttribute("teams", organizations.teams(me.organizationId()));
        model.addAttribute("organizations", me.can(Permission.NETWORK_MANAGE) ? organizations.list() : List.of());
        model.addAttribute("selectedOrganization", organization);
        return "identity/admin-users";
    }

    @GetMapping("/admin/users/invite")
    @Requires(Permission.USER_MANAGE)
    String inviteForm(@AuthenticationPrincipal CurrentUser me, Model model) {
        return invitePage(me, InviteForm.empty(), model);
    }

    @PostMapping("/admin/users/invite")
    @Requires(Permission.USER_MANAGE)
    String invite(
            @AuthenticationPrincipal CurrentUser me,
            @Valid @ModelAttribute("form") InviteForm form,
            BindingResult errors,
            HttpServletRequest request,
            Model model) {
        if (errors.hasErrors()) {
            return invitePage(me, form, model);
        }
        try {
            var invitation = administration.invite(
                    me,
                    new NewUser(
                            form.organizationId(),
                            form.teamId(),
                            form.email(),
                            form.displayName(),
                            form.role(),
                            form.language()),
                    links.base(request));
            model.addAttribute("invitation", invitation);
            model.addAttribute("link", links.base(request) + "/activate/" + invitation.activationToken());
            return "identity/admin-invited";
        } catch (IdentityException refused) {
            model.addAttribute("errorKey", refused.messageKey());
            return invitePage(me, form, model);
        }
    }

    @GetMapping("/admin/users/{id}")
    @Requires(Permission.USER_READ)
    String user(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        UserView user = administration.get(me, id);
        return userPage(me, user, new ChangeForm(user.role(), user.teamId(), user.status(), user.version()), model);
    }

    @PostMapping("/admin/users/{id}")
    @Requires(Permission.USER_MANAGE)
    String change(
            @AuthenticationPrincipal CurrentUser me,
            @PathVariable UUID id,
            @Valid @ModelAttribute("form") ChangeForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        UserView user = administration.get(me, id);
        if (errors.hasErrors()) {
            return userPage(me, user, form, model);
        }
        try {
            administration.change(me, id, form.version(), form.role(), form.teamId(), form.status());
        } catch (IdentityException refused) {
            model.addAttribute("errorKey", refused.messageKey());
            return userPage(me, administration.get(me, id), form, model);
        }
        redirect.addFlashAttribute("successKey", "admin.user.saved");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/reset-second-factor")
    @Requires(Permission.USER_MANAGE)
    String resetSecondFactor(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        administration.resetSecondFactor(me, id);
        redirect.addFlashAttribute("successKey", "admin.user.secondFactorReset");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/reinvite")
    @Requires(Permission.USER_MANAGE)
    String reinvite(
            @AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, HttpServletRequest request, Model model) {
        var invitation = administration.reinvite(me, id, links.base(request));
        model.addAttribute("invitation", invitation);
        model.addAttribute("link", links.base(request) + "/activate/" + invitation.activationToken());
        return "identity/admin-invited";
    }

    @PostMapping("/admin/teams")
    @Requires(Permission.USER_MANAGE)
    String createTeam(
            @AuthenticationPrincipal CurrentUser me,
            @RequestParam(name = "name", defaultValue = "") String name,
            RedirectAttributes redirect) {
        try {
            organizations.createTeam(me.organizationId(), name);
            redirect.addFlashAttribute("successKey", "admin.team.created");
        } catch (IdentityException refused) {
            redirect.addFlashAttribute("errorKey", refused.messageKey());
        }
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/organizations")
    @Requires(Permission.NETWORK_MANAGE)
    String organizations(Model model) {
        model.addAttribute("organizations", organizations.list());
        return "identity/admin-organizations";
    }

    @PostMapping("/admin/organizations")
    @Requires(Permission.NETWORK_MANAGE)
    String createOrganization(
            @RequestParam(name = "name", defaultValue = "") String name, RedirectAttributes redirect) {
        try {
            organizations.create(name);
            redirect.addFlashAttribute("successKey", "admin.organization.created");
        } catch (IdentityException refused) {
            redirect.addFlashAttribute("errorKey", refused.messageKey());
        }
        return "redirect:/admin/organizations";
    }

    private String invitePage(CurrentUser me, InviteForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("roles", grantableRoles(me));
        model.addAttribute("teams", organizations.teams(me.organizationId()));
        model.addAttribute("organizations", me.can(Permission.NETWORK_MANAGE) ? organizations.list() : List.of());
        return "identity/admin-invite";
    }

    private String userPage(CurrentUser me, UserView user, ChangeForm form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("roles", grantableRoles(me));
        model.addAttribute("teams", organizations.teams(user.organizationId()));
        model.addAttribute("self", me.id().equals(user.id()));
        model.addAttribute("canManage", me.can(Permission.USER_MANAGE));
        return "identity/admin-user";
    }

    private static List<Role> grantableRoles(CurrentUser me) {
        return java.util.Arrays.stream(Role.values())
                .filter(role -> role != Role.NETWORK_ADMIN || me.can(Permission.NETWORK_MANAGE))
                .toList();
    }
}
