package org.haven.intake;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** Intake's package-private parts for tests in other packages: the demo seeder again, a stored report. */
public final class DemoIntakeRuns {

    /** The phone number a demo incident shares with a report nobody linked yet. */
    public static final String SHARED_PHONE = DemoIntake.SHARED_PHONE;

    private DemoIntakeRuns() {}

    /** Stores a report as the public form does, in the organization (for tests in other packages). */
    public static java.util.UUID store(ApplicationContext context, java.util.UUID organization, PublicReport report) {
        Reports reports = context.getBean(Reports.class);
        return context.getBean(TransactionTemplate.class)
                .execute(status ->
                        reports.store(organization, report, "en", "WEB", null).id());
    }

    /** Runs the seeder again, as a second demo start would; true when it seeded something. */
    public static boolean again(ApplicationContext context) {
        DemoIntake demo = context.getBean(DemoIntake.class);
        return Boolean.TRUE.equals(context.getBean(TransactionTemplate.class).execute(status -> demo.seedOnce()));
    }
}
