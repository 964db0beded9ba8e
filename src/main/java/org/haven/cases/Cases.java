package org.haven.cases;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.Vocabulary.RiskLevel;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.Ids;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Survivors' cases: opening one (after looking for the same child among known people), reading,
 * changing with the version read, moving through the journey, assigning. Every read and change is
 * audited in its transaction and written to the case's timeline.
 */
@Service
public class Cases {

    private final CaseFiles files;
    private final CaseAccess access;
    private final People people;
    private final Timeline timeline;
    private final AuditTrail audit;
    private final StaffDirectory staff;
    private final Alerts alerts;
    private final StageRules rules;
    private final Clock clock;

    Cases(
            CaseFiles files,
            CaseAccess access,
            People people,
            Timeline timeline,
            AuditTrail audit,
            StaffDirectory staff,
            Alerts alerts,
            StageRules rules,
            Clock clock) {
        this.files = files;
        this.access = access;
        this.people = people;
        this.timeline = timeline;
        this.audit = audit;
        this.staff = staff;
        this.alerts = alerts;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Opens a case assigned to the actor (in their team). A new person who looks like someone already
     * known is refused with {@link PossibleDuplicates} unless {@code createAnyway} is set; that choice is
     * recorded on the timeline and in the audit trail.
     */
    @Transactional
    public UUID open(CurrentUser actor, NewCase request) {
        access.require(actor, Permission.CASE_WRITE);
        UUID organization = actor.organizationId();
        UUID personId;
        int suspected = 0;
        if (request.personId() != null) {
            personId = people.get(actor, request.personId()).id();
        } else {
            if (request.person() == null) {
                throw new Refusal(Status.UNPROCESSABLE, "person.name.required");
            }
            PossibleDuplicates duplicates = likelyMatches(actor, request.person());
            suspected = duplicates.matches().size() + duplicates.hidden();
            if (suspected > 0 && !request.createAnyway()) {
                throw duplicates;
            }
            personId = people.register(actor, request.person()).id();
        }
        Instant now = clock.instant();
        UUID id = Ids.next();
        CaseFile file = new CaseFile(
                id,
                organization,
                personId,
                files.nextReference(
                        organization, LocalDate.ofInstant(now, ZoneOffset.UTC).getYear()),
                CaseStage.IDENTIFIED,
                RiskLevel.MEDIUM,
                actor.teamId(),
                actor.id(),
                "Possible",
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "NONE",
                null,
                null,
                null,
                null,
                null,
                null,
                now,
                null,
                null,
                actor.id(),
                now,
                0);
        List<String> changed =
                CaseDetailsMapping.apply(file, request.details() == null ? CaseDetails.NONE : request.details());
        files.insert(file);
        timeline.add(organization, id, "OPENED", actor.id(), null, null);
        if (suspected > 0) {
            timeline.add(organization, id, "DUPLICATE_WARNING_OVERRIDDEN", actor.id(), null, String.valueOf(suspected));
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_CREATED)
                .by(actor.id(), organization)
                .on(CaseFile.TABLE, id)
                .fields(changed)
                .detail("possibleDuplicatesIgnored", suspected)
                .build());
        return id;
    }

    /**
     * People already known who may be this person: a close name, an age within two years, the same
     * sex and province where both are known. Only matches the actor may see are described.
     */
    @Transactional
    public PossibleDuplicates likelyMatches(CurrentUser actor, PersonInput person) {
        access.require(actor, Permission.CASE_WRITE);
        UUID organization = actor.organizationId();
        Map<UUID, People.Scored> found = new LinkedHashMap<>();
        for (String name : new String[] {person.name(), person.nameKhmer()}) {
            if (name != null && !name.isBlank()) {
                for (People.Scored scored : people.matching(organization, name.strip())) {
                    found.merge(scored.person().id(), scored, (a, b) -> a.score() >= b.score() ? a : b);
                }
            }
        }
        LocalDate today = LocalDate.now(clock);
        Integer age = ageOf(person, today);
        List<PossibleDuplicates.Match> visible = new ArrayList<>();
        int hidden = 0;
        for (People.Scored scored : found.values()) {
            PersonView known = scored.person();
            if (!compatible(person, age, known, today)) {
                continue;
            }
            CaseFile theirCase = files.latestOf(organization, known.id()).orElse(null);
            if (theirCase != null && !access.inScope(actor, theirCase) && !access.brokeGlass(actor, theirCase.id())) {
                hidden++;
                continue;
            }
            visible.add(new PossibleDuplicates.Match(
                    known.id(),
                    known.name(),
                    known.nameKhmer(),
                    known.sex(),
                    known.ageOn(today),
                    known.province(),
                    theirCase == null ? null : theirCase.id(),
                    theirCase == null ? null : theirCase.reference(),
                    scored.score()));
        }
        audit.record(AuditEntry.of(AuditAction.RECORD_SEARCHED)
                .by(actor.id(), organization)
                .on(People.TABLE, null)
                .fields(List.of("name", "name_khmer", "sex", "birth_date", "province"))
                .detail(
                        "terms",
                        String.join(
                                " | ", Objects.toString(person.name(), ""), Objects.toString(person.nameKhmer(), "")))
                .detail("purpose", "duplicate-check")
                .detail("results", visible.size() + hidden)
                .build());
        return new PossibleDuplicates(visible, hidden);
    }

    private static Integer ageOf(PersonInput person, LocalDate today) {
        if (person.birthDate() != null && !person.birthDate().isBlank()) {
            return java.time.Period.between(LocalDate.parse(person.birthDate()), today)
                    .getYears();
        }
        return person.estimatedAge();
    }

    private static boolean compatible(PersonInput typed, Integer age, PersonView known, LocalDate today) {
        Integer knownAge = known.ageOn(today);
        if (age != null && knownAge != null && Math.abs(age - knownAge) > 2) {
            return false;
        }
        if (typed.sex() != null && known.sex() != null && !typed.sex().equals(known.sex())) {
            return false;
        }
        return typed.province() == null
                || typed.province().isBlank()
                || known.province() == null
                || typed.province().strip().equals(known.province());
    }

    /** The whole case as the actor may see it; the read is audited. */
    @Transactional
    public CaseView view(CurrentUser actor, UUID id) {
        CaseFiles.WithPerson found = access.loadWithPerson(actor, id, Permission.CASE_READ, people);
        CaseFile file = found.file();
        CaseView view = CaseView.of(file, found.person());
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, id)
                .fields(List.of("person", "details", "summary"))
                .detail("brokeGlass", !access.inScope(actor, file))
                .build());
        return view;
    }

    /**
     * Changes the case and its person if nobody changed the case since {@code expectedVersion}; the
     * fields changed are audited (the person's with old and new values, encrypted).
     */
    @Transactional
    public CaseView change(CurrentUser actor, UUID id, int expectedVersion, CaseChange change) {
        CaseFiles.WithPerson found = access.loadWithPerson(actor, id, Permission.CASE_WRITE, people);
        CaseFile file = found.file();
        PersonView person = found.person();
        if (file.version() != expectedVersion) {
            throw new Refusal(Status.PRECONDITION_FAILED, "case.stale");
        }
        List<String> changed = new ArrayList<>();
        // Written together once the case is saved: one statement instead of one per entry.
        List<Timeline.Pending> entries = new ArrayList<>(2);
        if (change.details() != null) {
            changed.addAll(CaseDetailsMapping.apply(file, change.details()));
        }
        if (change.riskLevel() != null && !change.riskLevel().isBlank()) {
            RiskLevel risk = Vocabulary.code(RiskLevel.class, change.riskLevel(), "riskLevel");
            if (risk != file.risk) {
                entries.add(new Timeline.Pending("RISK_CHANGED", null, file.risk + ">" + risk));
                file.risk = risk;
                changed.add("risk_level");
            }
        }
        if (change.person() != null) {
            PersonView after = people.change(actor, person.id(), person.version(), change.person());
            if (after.version() != person.version()) {
                changed.add("person");
            }
            person = after;
        }
        CaseFile saved = file;
        if (!changed.isEmpty()) {
            // As the database keeps it, since the case as saved is not read back.
            file.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            entries.add(new Timeline.Pending("CHANGED", null, String.join(",", changed)));
            // The case, its timeline and the audit event in one round trip (decision 42).
            saved = files.update(
                    file,
                    List.of(
                            timeline.insert(file.organizationId(), id, actor.id(), entries),
                            audit.statement(AuditEntry.of(AuditAction.RECORD_CHANGED)
                                    .by(actor.id(), actor.organizationId())
                                    .on(CaseFile.TABLE, id)
                                    .fields(changed)
                                    .build())));
        }
        return CaseView.of(saved, person);
    }

    /**
     * Moves the case to another stage of the journey, if allowed from where it stands and if what the
     * stage needs is there (an assessment before the care plan; an approved plan and consent to
     * services before services).
     */
    @Transactional
    public CaseView move(CurrentUser actor, UUID id, int expectedVersion, CaseStage target, String consentOverride) {
        CaseFile file = access.load(actor, id, Permission.CASE_WRITE);
        if (file.version() != expectedVersion) {
            throw new Refusal(Status.PRECONDITION_FAILED, "case.stale");
        }
        CaseStage from = file.stage();
        file.moveTo(target);
        rules.before(actor, file, target, consentOverride);
        if (!from.open()) {
            file.closedAt = null;
            file.closureRequestedAt = null;
            file.closureRequestedBy = null;
            file.closureReason = null;
            file.planStatus = "NONE";
        }
        file.updatedAt = clock.instant();
        files.update(file);
        timeline.add(
                file.organizationId(),
                id,
                from.open() ? "STAGE_CHANGED" : "REOPENED",
                actor.id(),
                null,
                from + ">" + target);
        rules.after(file);
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, id)
                .fields(List.of("stage"))
                .detail("from", from.name())
                .detail("to", target.name())
                .build());
        return reread(actor, id);
    }

    /** Asks a supervisor to approve closing the case, with the reason. */
    @Transactional
    public CaseView requestClosure(CurrentUser actor, UUID id, int expectedVersion, String reason) {
        CaseFile file = CarePlans.expect(access.load(actor, id, Permission.CASE_WRITE), expectedVersion);
        if (!file.stage().open()) {
            throw new Refusal(Status.CONFLICT, "case.closure.notOpen");
        }
        if (reason == null || reason.isBlank() || reason.length() > 2_000) {
            throw new Refusal(Status.UNPROCESSABLE, "case.closure.reason");
        }
        file.closureRequestedAt = clock.instant();
        file.closureRequestedBy = actor.id();
        file.closureReason = reason.strip();
        file.updatedAt = clock.instant();
        files.update(file);
        timeline.add(
                file.organizationId(),
                id,
                "CLOSURE_REQUESTED",
                actor.id(),
                null,
                file.stage().name());
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, id)
                .fields(List.of("closure_requested_at", "closure_reason"))
                .build());
        alerts.raise(
                file.organizationId(),
                staff.holding(file.organizationId(), file.teamId(), Permission.CASE_APPROVE).stream()
                        .map(StaffDirectory.Member::id)
                        .toList(),
                id,
                file.reference(),
                Alerts.Kind.APPROVAL_WAITING);
        return reread(actor, id);
    }

    /** A supervisor decides on a requested closure: approved closes the case, refused keeps it open. */
    @Transactional
    public CaseView decideClosure(CurrentUser actor, UUID id, int expectedVersion, boolean approve) {
        CaseFile file = CarePlans.expect(access.load(actor, id, Permission.CASE_APPROVE), expectedVersion);
        if (file.closureRequestedAt() == null || !file.stage().open()) {
            throw new Refusal(Status.CONFLICT, "case.closure.notRequested");
        }
        CaseStage from = file.stage();
        if (approve) {
            file.stage = CaseStage.CLOSED;
            file.closedAt = clock.instant();
        } else {
            file.closureRequestedAt = null;
            file.closureRequestedBy = null;
            file.closureReason = null;
        }
        file.updatedAt = clock.instant();
        files.update(file);
        timeline.add(file.organizationId(), id, approve ? "CLOSED" : "CLOSURE_REFUSED", actor.id(), null, from.name());
        audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, id)
                .fields(List.of("stage"))
                .detail("closure", approve ? "approved" : "refused")
                .build());
        if (!approve) {
            alerts.raise(
                    file.organizationId(),
                    List.of(file.caseworkerId()),
                    id,
                    file.reference(),
                    Alerts.Kind.CLOSURE_REFUSED);
        }
        return reread(actor, id);
    }

    /** Assigns cases to a caseworker of the organization (and to their team); alerts them once. */
    @Transactional
    public int assign(CurrentUser actor, List<UUID> ids, UUID caseworker) {
        access.require(actor, Permission.CASE_ASSIGN);
        StaffDirectory.Member member = staff.member(actor.organizationId(), caseworker)
                .filter(m -> m.can(Permission.CASE_WRITE))
                .orElseThrow(() -> new Refusal(Status.UNPROCESSABLE, "case.assign.notCaseworker"));
        int assigned = 0;
        for (UUID id : ids) {
            CaseFile file = access.load(actor, id, Permission.CASE_ASSIGN);
            if (caseworker.equals(file.caseworkerId())) {
                continue;
            }
            UUID before = file.caseworkerId();
            file.caseworkerId = caseworker;
            file.teamId = member.teamId();
            file.updatedAt = clock.instant();
            files.update(file);
            timeline.add(file.organizationId(), id, "ASSIGNED", actor.id(), caseworker, null);
            audit.record(AuditEntry.of(AuditAction.RECORD_CHANGED)
                    .by(actor.id(), actor.organizationId())
                    .on(CaseFile.TABLE, id)
                    .fields(List.of("caseworker_id"))
                    .detail("from", Objects.toString(before, ""))
                    .detail("to", caseworker.toString())
                    .build());
            alerts.raise(file.organizationId(), List.of(caseworker), id, file.reference(), Alerts.Kind.ASSIGNED);
            assigned++;
        }
        return assigned;
    }

    /** The id of the case with this reference, if the actor reaches it. */
    @Transactional
    public UUID idOf(CurrentUser actor, String reference) {
        access.require(actor, Permission.CASE_READ);
        UUID id = files.idOf(actor.organizationId(), reference)
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "case.notFound"));
        access.load(actor, id, Permission.CASE_READ);
        return id;
    }

    /**
     * The id of the organization's case with this reference, for linking it to something else (an
     * incident) without reading it: the caller may hold no case permission at all. Not found when the
     * organization has no such case.
     */
    @Transactional
    public UUID referenced(CurrentUser actor, String reference) {
        access.require(actor, Permission.SIGN_IN);
        return files.idOf(actor.organizationId(), reference == null ? "" : reference)
                .orElseThrow(() -> new Refusal(Status.NOT_FOUND, "case.notFound"));
    }

    /** Everything that happened in the case, in order; the read is audited. */
    @Transactional
    public List<Timeline.Entry> timeline(CurrentUser actor, UUID id) {
        CaseFile file = access.load(actor, id, Permission.CASE_READ);
        audit.record(AuditEntry.of(AuditAction.RECORD_READ)
                .by(actor.id(), actor.organizationId())
                .on(CaseFile.TABLE, id)
                .fields(List.of("timeline"))
                .build());
        return timeline.of(file.organizationId(), id);
    }

    /** The case as saved, with its person, for an actor already let in (one statement). */
    private CaseView reread(CurrentUser actor, UUID id) {
        CaseFiles.WithPerson found = files.findWithPerson(
                        actor.organizationId(), id, file -> true, (rs, n) -> people.mapJoined(rs))
                .orElseThrow();
        return CaseView.of(found.file(), found.person());
    }
}
