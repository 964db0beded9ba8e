package org.haven.identity;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContext;

/** Small, intention-named helpers that create organizations, people and tokens through the real services. */
public final class IdentityFixtures {

    public static final String PASSWORD = "long enough to be a password";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A created account. */
    public record Person(UUID id, UUID organizationId, String email, String password) {}

    private final Organizations organizations;
    private final UserAdministration administration;
    private final ApiTokens tokens;
    private final StaffUsers users;

    public IdentityFixtures(ApplicationContext context) {
        this.users = context.getBean(StaffUsers.class);
        this.organizations = context.getBean(Organizations.class);
        this.administration = context.getBean(UserAdministration.class);
        this.tokens = context.getBean(ApiTokens.class);
    }

    /** A unique-name organization. */
    public UUID organization(String prefix) {
        return organizations.create(prefix + " " + unique()).id();
    }

    /** A unique-name team of the organization. */
    public UUID team(UUID organizationId) {
        return organizations.createTeam(organizationId, "Team " + unique()).id();
    }

    /** An active account with the fixture password. */
    public Person person(UUID organizationId, Role role) {
        return person(organizationId, role, null);
    }

    /** An active account in a team, with the fixture password. */
    public Person person(UUID organizationId, Role role, UUID teamId) {
        String email = role.name().toLowerCase() + "-" + unique() + "@test.example";
        UserView user = administration.createActive(
                new NewUser(organizationId, teamId, email, "Test " + role, role, "en"), PASSWORD);
        return new Person(user.id(), organizationId, email, PASSWORD);
    }

    /** A new active account, as the services see it once signed in. */
    public CurrentUser actor(UUID organizationId, Role role) {
        return actor(organizationId, role, null);
    }

    /** A new active account in a team, as the services see it once signed in. */
    public CurrentUser actor(UUID organizationId, Role role, UUID teamId) {
        return signedIn(person(organizationId, role, teamId));
    }

    /** The account as the services see it once signed in. */
    public CurrentUser signedIn(Person person) {
        return users.findById(person.id()).orElseThrow().toCurrentUser();
    }

    /** A token with all of the person's permissions, valid for a day. */
    public String token(Person person) {
        return tokens.create(person.id(), "test", Set.of(), Duration.ofDays(1)).secret();
    }

    /** A token limited to {@code permissions}. */
    public String token(Person person, Permission first, Permission... rest) {
        return tokens.create(person.id(), "test", EnumSet.of(first, rest), Duration.ofDays(1))
                .secret();
    }

    static String unique() {
        return Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
    }
}
