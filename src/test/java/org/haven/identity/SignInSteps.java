package org.haven.identity;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.haven.Browser;
import org.haven.identity.IdentityFixtures.Person;

/**
 * How a person signs in through the browser, second factor included. Remembers each person's TOTP
 * seed (read from the enrollment page, as a phone app would) and never reuses a time step, because
 * Haven refuses replayed codes.
 */
public final class SignInSteps {

    private final Browser browser;
    private final TotpCodes totp = new TotpCodes(Clock.systemUTC());
    private final Map<UUID, String> seeds = new HashMap<>();
    private final Map<UUID, Long> lastStep = new HashMap<>();

    public SignInSteps(Browser browser) {
        this.browser = browser;
    }

    void password(Person person, String password) {
        browser.open("/login");
        browser.type("#email", person.email());
        browser.type("#password", password);
        browser.submit("button.primary");
    }

    /** Reads the seed on the enrollment page and confirms it with a fresh code. */
    void enroll(Person person) {
        String seed = browser.text("#secret").replace(" ", "");
        seeds.put(person.id(), seed);
        browser.type("#code", nextCode(person));
        browser.submit("form button.primary");
    }

    /** A code for a time step this person has not used yet, waiting for the next step if needed. */
    String nextCode(Person person) {
        long step = Math.max(totp.currentStep(), lastStep.getOrDefault(person.id(), 0L) + 1);
        while (step > totp.currentStep() + 1) {
            sleepUntilNextStep();
        }
        lastStep.put(person.id(), step);
        return totp.codeAt(seeds.get(person.id()), step);
    }

    String seed(Person person) {
        return seeds.get(person.id());
    }

    /** The code of the step used last (a replay). */
    String lastCode(Person person) {
        return totp.codeAt(seeds.get(person.id()), lastStep.get(person.id()));
    }

    /** Full sign-in: password, then enrollment or a code; ends on the page after sign-in. */
    public void signIn(Person person) {
        password(person, person.password());
        if (browser.path().startsWith("/mfa/enroll")) {
            enroll(person);
            browser.submit("a.button.primary");
        } else if (browser.path().startsWith("/mfa")) {
            browser.type("#code", nextCode(person));
            browser.submit("button.primary");
        }
    }

    public void signOut() {
        browser.submit("form[action='/logout'] button");
    }

    private static void sleepUntilNextStep() {
        long millis =
                TotpCodes.PERIOD_SECONDS * 1000L - System.currentTimeMillis() % (TotpCodes.PERIOD_SECONDS * 1000L);
        try {
            Thread.sleep(millis + 50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
