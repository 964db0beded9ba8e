package org.haven.intake;

import java.security.Principal;
import java.util.Optional;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.HomeSection;
import org.springframework.stereotype.Component;

/** On the case team's home page: how many reports triage handed over for a case, when there are any. */
@Component
class CaseRequestsHome implements HomeSection {

    private final CaseRequests requests;

    CaseRequestsHome(CaseRequests requests) {
        this.requests = requests;
    }

    @Override
    public Optional<Rendered> render(Principal user) {
        if (!(user instanceof CurrentUser me) || !me.can(Permission.CASE_WRITE)) {
            return Optional.empty();
        }
        long waiting = requests.count(me);
        return waiting == 0 ? Optional.empty() : Optional.of(new Rendered("intake/case-home", waiting));
    }
}
