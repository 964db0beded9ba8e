package org.haven.identity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./haven start --demo}: a fictional network of two organizations with one account for every
 * role (two triage officers, since vetting a partner takes two people), created once (a second start
 * adds nothing) and printed at every start.
 */
@Component
@Profile("!admin")
@ConditionalOnBooleanProperty("haven.demo")
class DemoNetwork implements ApplicationRunner {

    static final String PASSWORD = "fictional-demo-2026";
    static final String HOTLINE = "Mekong Child Safety Hotline (demo)";
    static final String SHELTER = "Riverside Aftercare Shelter (demo)";

    private static final Logger log = LoggerFactory.getLogger(DemoNetwork.class);

    /** One demo account. */
    record DemoAccount(String organization, String team, String email, String name, Role role, String language) {}

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount(
                    HOTLINE,
                    "Night shift",
                    "operator@hotline.demo.example",
                    "Dara Operator",
                    Role.HOTLINE_OPERATOR,
                    "en"),
            new DemoAccount(
                    HOTLINE, "Night shift", "triage@hotline.demo.example", "Sophea Triage", Role.TRIAGE_OFFICER, "km"),
            new DemoAccount(
                    HOTLINE, "Night shift", "triage2@hotline.demo.example", "Kanha Triage", Role.TRIAGE_OFFICER, "en"),
            new DemoAccount(
                    HOTLINE,
                    "Phnom Penh team",
                    "caseworker@hotline.demo.example",
                    "Vanna Caseworker",
                    Role.CASEWORKER,
                    "en"),
            new DemoAccount(
                    HOTLINE,
                    "Phnom Penh team",
                    "supervisor@hotline.demo.example",
                    "Chenda Supervisor",
                    Role.SUPERVISOR,
                    "en"),
            new DemoAccount(HOTLINE, null, "analyst@hotline.demo.example", "Rith Analyst", Role.ANALYST, "en"),
            new DemoAccount(
                    HOTLINE, null, "admin@hotline.demo.example", "Maly Administrator", Role.ORGANIZATION_ADMIN, "en"),
            new DemoAccount(HOTLINE, null, "auditor@hotline.demo.example", "Pich Auditor", Role.AUDITOR, "en"),
            new DemoAccount(HOTLINE, null, "network@hotline.demo.example", "Bopha Network", Role.NETWORK_ADMIN, "en"),
            new DemoAccount(SHELTER, null, "partner@shelter.demo.example", "Kosal Partner", Role.PARTNER_STAFF, "km"),
            new DemoAccount(SHELTER, null, "caseworker@shelter.demo.example", "Srey Caseworker", Role.CASEWORKER, "km"),
            new DemoAccount(
                    SHELTER, null, "admin@shelter.demo.example", "Nary Administrator", Role.ORGANIZATION_ADMIN, "en"));

    private final Organizations organizations;
    private final UserAdministration administration;
    private final StaffUsers users;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Environment environment;

    DemoNetwork(
            Organizations organizations,
            UserAdministration administration,
            StaffUsers users,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Environment environment) {
        this.organizations = organizations;
        this.administration = administration;
        this.users = users;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        transactions.executeWithoutResult(status -> seed());
        printSignIns();
    }

    /** Creates whatever part of the demo network is missing. */
    void seed() {
        jdbc.sql("SELECT pg_advisory_xact_lock(727001)").query().singleValue();
        for (DemoAccount account : ACCOUNTS) {
            var organization = organizations
                    .findByName(account.organization())
                    .orElseGet(() -> organizations.create(account.organization()));
            java.util.UUID team = null;
            if (account.team() != null) {
                team = organizations.teams(organization.id()).stream()
                        .filter(t -> t.name().equals(account.team()))
                        .findFirst()
                        .orElseGet(() -> organizations.createTeam(organization.id(), account.team()))
                        .id();
            }
            if (!users.emailTaken(account.email())) {
                administration.createActive(
                        new NewUser(
                                organization.id(),
                                team,
                                account.email(),
                                account.name(),
                                account.role(),
                                account.language()),
                        PASSWORD);
            }
        }
        log.info("Demo network ready");
    }

    private void printSignIns() {
        StringBuilder text = new StringBuilder();
        text.append("\n  DEMO MODE: fictional data only. Sign in at http://localhost:")
                .append(environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")))
                .append(" with any of these (password for all: ")
                .append(PASSWORD)
                .append("):\n");
        for (DemoAccount account : ACCOUNTS) {
            text.append(String.format("    %-34s %s%n", account.email(), account.role()));
        }
        text.append("  A second factor is offered but not required in demo mode.\n");
        System.out.println(text);
    }
}
