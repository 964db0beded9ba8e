package org.haven.identity;

import org.haven.platform.HomeSection;
import org.haven.platform.PageController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff home page. Later modules add the day's tasks to it. */
@PageController
class HomeController {

    private final SecondFactors factors;
    private final Organizations organizations;
    private final java.util.List<HomeSection> sections;

    HomeController(SecondFactors factors, Organizations organizations, java.util.List<HomeSection> sections) {
        this.factors = factors;
        this.organizations = organizations;
        this.sections = sections;
    }

    @GetMapping("/")
    @Requires(Permission.SIGN_IN)
    String home(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("me", me);
        model.addAttribute(
                "organization", organizations.findById(me.organizationId()).orElse(null));
        model.addAttribute("enrolled", factors.enrolled(me.id()));
        model.addAttribute(
                "sections",
                sections.stream()
                        .map(section -> section.render(me))
                        .flatMap(java.util.Optional::stream)
                        .toList());
        return "home";
    }
}
