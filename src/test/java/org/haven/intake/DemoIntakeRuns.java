package org.haven.intake;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The demo intake seeder run again from another package's demo test context (it is package-private). */
public final class DemoIntakeRuns {

    /** The phone number a demo incident shares with a report nobody linked yet. */
    public static final String SHARED_PHONE = DemoIntake.SHARED_PHONE;

    private DemoIntakeRuns() {}

    /** Runs the seeder again, as a second demo start would; true when it seeded something. */
    public static boolean again(ApplicationContext context) {
        DemoIntake demo = context.getBean(DemoIntake.class);
        return Boolean.TRUE.equals(context.getBean(TransactionTemplate.class).execute(status -> demo.seedOnce()));
    }
}
