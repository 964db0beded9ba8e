package org.haven.intake;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.haven.cases.Alerts;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.platform.HomeSection;
import org.springframework.stereotype.Component;

/** What a triage officer's home page shows first: how many children are in danger now, and alerts. */
@Component
class TriageHome implements HomeSection {

    record Summary(long urgent, long open, List<Alerts.Alert> alerts) {}

    private final Triage triage;
    private final Alerts alerts;

    TriageHome(Triage triage, Alerts alerts) {
        this.triage = triage;
        this.alerts = alerts;
    }

    @Override
    public Optional<Rendered> render(Principal user) {
        if (!(user instanceof CurrentUser me) || !me.can(Permission.REPORT_TRIAGE)) {
            return Optional.empty();
        }
        // Counts only: the home page neither lists reports nor audits a search on every visit.
        Triage.Counts counts = triage.counts(me);
        List<Alerts.Alert> unread = me.can(Permission.CASE_READ) ? List.of() : alerts.unread(me);
        return Optional.of(new Rendered("intake/home", new Summary(counts.urgent(), counts.open(), unread)));
    }
}
