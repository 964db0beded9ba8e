package org.haven.identity;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.haven.platform.HavenLocales;
import org.haven.platform.Ids;
import org.haven.platform.Mailer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff administration with its rules, enforced here for the web, the API and the command line
 * alike: administrators act only inside their own organization unless they manage the network; only
 * network administrators create or change network administrators; nobody changes their own role or
 * status; teams belong to the account's organization; stale edits are refused.
 */
@Service
public class UserAdministration {

    /** A new account and the one-time activation link for it. */
    public record Invitation(UserView user, String activationToken, boolean mailed) {}

    private final StaffUsers users;
    private final Organizations organizations;
    private final Activations activations;
    private final Mailer mail;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final RecoveryCodes recoveryCodes;
    private final PasswordPolicy passwords;
    private final PasswordEncoder encoder;
    private final Passkeys passkeys;
    private final IdentityEvents events;

    UserAdministration(
            StaffUsers users,
            Organizations organizations,
            Activations activations,
            Mailer mail,
            Sessions sessions,
            ApiTokens tokens,
            RecoveryCodes recoveryCodes,
            PasswordPolicy passwords,
            PasswordEncoder encoder,
            Passkeys passkeys,
            IdentityEvents events) {
        this.events = events;
        this.users = users;
        this.organizations = organizations;
        this.activations = activations;
        this.mail = mail;
        this.sessions = sessions;
        this.tokens = tokens;
        this.recoveryCodes = recoveryCodes;
        this.passwords = passwords;
        this.encoder = encoder;
        this.passkeys = passkeys;
    }

    /** Accounts the actor may see: their organization's, or any (optionally filtered) for network scope. */
    @Transactional(readOnly = true)
    public List<UserView> list(CurrentUser actor, UUID organizationFilter) {
        requireRead(actor);
        if (actor.scope() == RecordScope.NETWORK) {
            return users.list(organizationFilter);
        }
        return users.list(actor.organizationId());
    }

    /**
     * One account, if the actor may see it.
     *
     * @throws IdentityException "user.notFound" also when the account exists outside the actor's reach
     */
    @Transactional(readOnly = true)
    public UserView get(CurrentUser actor, UUID userId) {
        requireRead(actor);
        UserView view = users.view(userId).orElseThrow(UserAdministration::notFound);
        if (!reaches(actor, view.organizationId())) {
            throw notFound();
        }
        return view;
    }

    /** Invites a person: an INVITED account and a one-time activation link, e-mailed when possible. */
    @Transactional
    public Invitation invite(CurrentUser actor, NewUser request, String linkBase) {
        requireManage(actor);
        UUID organizationId = request.organizationId() == null ? actor.organizationId() : request.organizationId();
        if (!reaches(actor, organizationId)
                || organizations.findById(organizationId).isEmpty()) {
            throw new IdentityException("organization.notFound");
        }
        requireGrantable(actor, request.role());
        StaffUser user = insert(organizationId, request, UserStatus.INVITED, null);
        events.other(
                IdentityEvent.Kind.USER_CREATED,
                organizationId,
                actor.id(),
                user.id(),
                "staff_user",
                createdDetails(user));
        return sendInvitation(users.view(user.id()).orElseThrow(), linkBase);
    }

    /** Creates an active account with a password, for the operator's command line. */
    @Transactional
    public UserView createActive(NewUser request, String password) {
        if (request.organizationId() == null
                || organizations.findById(request.organizationId()).isEmpty()) {
            throw new IdentityException("organization.notFound");
        }
        passwords.require(password, request.email());
        StaffUser user = insert(request.organizationId(), request, UserStatus.ACTIVE, encoder.encode(password));
        events.other(
                IdentityEvent.Kind.USER_CREATED,
                user.organizationId(),
                null,
                user.id(),
                "staff_user",
                createdDetails(user));
        return users.view(user.id()).orElseThrow();
    }

    /** Issues a fresh activation link for an invited account (the old one stops working). */
    @Transactional
    public Invitation reinvite(CurrentUser actor, UUID userId, String linkBase) {
        requireManage(actor);
        UserView target = get(actor, userId);
        if (target.status() != UserStatus.INVITED) {
            throw new IdentityException("user.notInvited");
        }
        return sendInvitation(target, linkBase);
    }

    /** A new activation link for an invited account, e-mailed when mail is set up. */
    private Invitation sendInvitation(UserView invited, String linkBase) {
        String token = activations.issue(invited.id());
        boolean mailed = mail.send(
                invited.email(),
                "mail.invitation",
                new Object[] {invited.displayName(), linkBase + "/activate/" + token},
                Locale.forLanguageTag(invited.language()));
        return new Invitation(invited, token, mailed);
    }

    private void requireTeamIn(UUID teamId, UUID organizationId) {
        if (teamId != null) {
            organizations
                    .team(teamId)
                    .filter(team -> team.organizationId().equals(organizationId))
                    .orElseThrow(() -> new IdentityException("team.notFound"));
        }
    }

    /** Network administrators are changed only by those who manage the network; to others they are not there. */
    private static void requireMayChange(CurrentUser actor, UserView target) {
        if (target.role() == Role.NETWORK_ADMIN && !actor.can(Permission.NETWORK_MANAGE)) {
            throw notFound();
        }
    }

    /**
     * Changes role, team and status of an account.
     *
     * @param expectedVersion the version the actor saw; a different current version means a stale edit
     */
    @Transactional
    public UserView change(
            CurrentUser actor, UUID userId, int expectedVersion, Role role, UUID teamId, UserStatus status) {
        requireManage(actor);
        UserView target = get(actor, userId);
        if (actor.id().equals(userId) && (target.role() != role || target.status() != status)) {
            throw new IdentityException("user.changeSelf");
        }
        requireMayChange(actor, target);
        requireGrantable(actor, role);
        requireTeamIn(teamId, target.organizationId());
        if (status != target.status() && (status == UserStatus.INVITED || target.status() == UserStatus.INVITED)) {
            throw new IdentityException("user.statusInvited");
        }
        if (!users.updateAdministrative(userId, expectedVersion, role, teamId, status)) {
            throw new IdentityException("user.stale");
        }
        recordChange(actor, target, role, teamId, status);
        if (status == UserStatus.SUSPENDED || role != target.role()) {
            sessions.endAll(userId, null);
        }
        if (status == UserStatus.SUSPENDED) {
            tokens.revokeAll(userId);
        }
        return users.view(userId).orElseThrow();
    }

    /** Removes an account's second factor, recovery codes and passkeys, and signs it out everywhere. */
    @Transactional
    public void resetSecondFactor(CurrentUser actor, UUID userId) {
        requireManage(actor);
        UserView target = get(actor, userId);
        requireMayChange(actor, target);
        if (actor.id().equals(userId)) {
            throw new IdentityException("user.changeSelf");
        }
        events.account(IdentityEvent.Kind.SECOND_FACTOR_RESET, target.organizationId(), actor.id(), userId);
        users.clearTotp(userId);
        recoveryCodes.deleteAll(userId);
        passkeys.removeAll(userId);
        sessions.endAll(userId, null);
    }

    private void recordChange(CurrentUser actor, UserView before, Role role, UUID teamId, UserStatus status) {
        java.util.List<String> fields = new java.util.ArrayList<>();
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        if (before.role() != role) {
            fields.add("role");
            details.put("role.old", before.role().name());
            details.put("role.new", role.name());
        }
        if (!Objects.equals(before.teamId(), teamId)) {
            fields.add("team");
            details.put("team.old", String.valueOf(before.teamId()));
            details.put("team.new", String.valueOf(teamId));
        }
        if (before.status() != status) {
            fields.add("status");
            details.put("status.old", before.status().name());
            details.put("status.new", status.name());
        }
        if (!fields.isEmpty()) {
            events.changed(before.organizationId(), actor.id(), before.id(), fields, details);
        }
    }

    private static java.util.Map<String, String> createdDetails(StaffUser user) {
        return java.util.Map.of(
                "email",
                user.email(),
                "name",
                user.displayName(),
                "role",
                user.role().name());
    }

    private StaffUser insert(UUID organizationId, NewUser request, UserStatus status, String passwordHash) {
        String email = normalizeEmail(request.email());
        if (users.emailTaken(email)) {
            throw new IdentityException("user.emailTaken");
        }
        String name = request.displayName() == null ? "" : request.displayName().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new IdentityException("user.name.invalid");
        }
        String language = request.language() == null ? "en" : request.language();
        if (!HavenLocales.isSupported(language)) {
            throw new IdentityException("user.language.invalid");
        }
        requireTeamIn(request.teamId(), organizationId);
        StaffUser user = new StaffUser(
                Ids.next(),
                organizationId,
                request.teamId(),
                email,
                name,
                language,
                Objects.requireNonNull(request.role()),
                status,
                passwordHash,
                null,
                false,
                0,
                0,
                null,
                0);
        users.insert(user);
        return user;
    }

    /** Trims and checks the shape of an e-mail address; refuses anything that is not plausibly one. */
    static String normalizeEmail(String email) {
        String trimmed = email == null ? "" : email.strip();
        if (trimmed.length() < 3 || trimmed.length() > 254 || !trimmed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IdentityException("user.email.invalid");
        }
        return trimmed;
    }

    private static boolean reaches(CurrentUser actor, UUID organizationId) {
        return actor.scope() == RecordScope.NETWORK || actor.organizationId().equals(organizationId);
    }

    private static void requireRead(CurrentUser actor) {
        if (!actor.can(Permission.USER_READ)) {
            throw new IdentityException("user.forbidden");
        }
    }

    private static void requireManage(CurrentUser actor) {
        if (!actor.can(Permission.USER_MANAGE)) {
            throw new IdentityException("user.forbidden");
        }
    }

    private static void requireGrantable(CurrentUser actor, Role role) {
        if (role == null) {
            throw new IdentityException("user.role.invalid");
        }
        if (role == Role.NETWORK_ADMIN && !actor.can(Permission.NETWORK_MANAGE)) {
            throw new IdentityException("user.role.notGrantable");
        }
    }

    private static IdentityException notFound() {
        return new IdentityException("user.notFound");
    }
}
