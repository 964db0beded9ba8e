package org.haven.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditTrail;
import org.haven.cases.documents.CaseSummaryPdf;
import org.haven.cases.documents.Document;
import org.haven.cases.documents.Document.Block;
import org.haven.cases.documents.Document.Paragraph;
import org.haven.cases.documents.Document.Row;
import org.haven.cases.documents.Document.Section;
import org.haven.identity.CurrentUser;
import org.haven.identity.Permission;
import org.haven.identity.StaffNames;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The printable summary of one case, in the reader's language: the child, the case, consent, the
 * latest assessment, the care plan, follow-ups and the {@value #NOTES} latest notes. Reached exactly
 * like reading the case (scope or break-glass; 404 otherwise) and audited as an export in the same
 * transaction.
 *
 * <p>Deliberately left out: phone, address, aliases, the narrative and the case summary text, places of
 * exploitation, the assessment's notes and HIV/STI answers, follow-up notes. A printed page travels
 * further than a screen; these stay in Haven. The file's metadata title and name carry the case
 * reference only, never the child's name.
 */
@Service
public class CaseSummaries {

    /** How many of the latest notes the summary prints. */
    static final int NOTES = 10;

    private final CaseAccess access;
    private final People people;
    private final Consents consents;
    private final Assessments assessments;
    private final CarePlans plans;
    private final FollowUps followUps;
    private final CaseNotes notes;
    private final StaffNames names;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final Clock clock;

    CaseSummaries(
            CaseAccess access,
            People people,
            Consents consents,
            Assessments assessments,
            CarePlans plans,
            FollowUps followUps,
            CaseNotes notes,
            StaffNames names,
            AuditTrail audit,
            MessageSource messages,
            Clock clock) {
        this.access = access;
        this.people = people;
        this.consents = consents;
        this.assessments = assessments;
        this.plans = plans;
        this.followUps = followUps;
        this.notes = notes;
        this.names = names;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** The case summary as a PDF in {@code locale}; the export is audited. */
    @Transactional
    public DocumentFile pdf(CurrentUser actor, UUID caseId, Locale locale) {
        CaseFile file = access.load(actor, caseId, Permission.CASE_READ);
        UUID organization = file.organizationId();
        DocumentLabels labels = new DocumentLabels(messages, locale);
        PersonView person = people.read(organization, file.personId());
        CarePlans.Plan plan = plans.plan(file);
        List<CaseNotes.Note> latestNotes = notes.latest(organization, caseId, NOTES);

        Set<UUID> staff = new HashSet<>();
        staff.add(actor.id());
        if (file.caseworkerId() != null) {
            staff.add(file.caseworkerId());
        }
        Map<UUID, String> staffNames = names.of(staff);

        List<Section> sections = List.of(
                person(labels, person),
                caseSection(labels, file, staffNames.get(file.caseworkerId())),
                consentSection(labels, consents.list(organization, caseId)),
                assessmentSection(labels, assessments.list(organization, caseId)),
                planSection(labels, plan),
                followUpSection(labels, followUps.list(organization, caseId)),
                noteSection(labels, latestNotes));
        Document document = new Document(
                labels.text("documents.summary.metadataTitle", file.reference()),
                labels.text("documents.summary.title", file.reference()),
                labels.text(
                        "documents.summary.generated",
                        labels.dateTime(clock.instant()),
                        staffNames.getOrDefault(actor.id(), actor.displayName())),
                labels.text("documents.confidential"),
                sections);
        byte[] pdf = CaseSummaryPdf.render(document);

        audit.record(AuditEntry.of(AuditAction.EXPORT)
                .by(actor.id(), organization)
                .on(CaseFile.TABLE, caseId)
                .fields(List.of("person", "details", "consents", "assessments", "plan", "follow_ups", "notes"))
                .detail("format", "PDF")
                .detail("document", "case-summary")
                .detail("language", locale.getLanguage())
                .detail("notes", latestNotes.size())
                .detail("brokeGlass", !access.inScope(actor, file))
                .build());
        return new DocumentFile(fileName(file.reference()), "application/pdf", pdf);
    }

    /** The file's name: the case reference, never the child's name. */
    static String fileName(String reference) {
        return reference.replaceAll("[^A-Za-z0-9-]", "_") + "-summary.pdf";
    }

    private static Section person(DocumentLabels l, PersonView p) {
        List<Block> rows = new ArrayList<>();
        rows.add(new Row(l.text("field.name"), nz(p.name())));
        rows.add(new Row(l.text("field.name_khmer"), nz(p.nameKhmer())));
        rows.add(new Row(l.text("field.sex"), l.code("Sex", p.sex())));
        rows.add(new Row(l.text("field.gender"), l.code("Gender", p.gender())));
        Integer age = p.ageOn(LocalDate.now(DocumentLabels.ZONE));
        String ageText = age == null
                ? ""
                : l.text(p.birthDate() == null ? "documents.age.estimated" : "documents.age", String.valueOf(age));
        rows.add(new Row(l.text("documents.label.age"), ageText));
        rows.add(new Row(l.text("field.nationality"), l.country(p.nationality())));
        rows.add(new Row(l.text("field.province"), l.code("Province", p.province())));
        return new Section(l.text("documents.section.person"), rows);
    }

    private static Section caseSection(DocumentLabels l, CaseFile c, String caseworker) {
        List<Block> rows = new ArrayList<>();
        rows.add(new Row(l.text("documents.label.reference"), c.reference()));
        rows.add(new Row(l.text("field.stage"), l.code("CaseStage", c.stage().name())));
        rows.add(new Row(
                l.text("documents.label.htcdsStatus"),
                l.code("HtcdsStatus", c.stage().htcdsStatus())));
        rows.add(new Row(l.text("field.risk"), l.code("RiskLevel", c.risk().name())));
        rows.add(new Row(l.text("field.trafficking_status"), l.code("TraffickingStatus", c.traffickingStatus())));
        rows.add(new Row(l.text("field.exploitation_types"), l.codes("ExploitationType", c.exploitationTypes())));
        if (!c.sexualExploitation().isEmpty()) {
            rows.add(new Row(
                    l.text("field.sexual_exploitation"), l.codes("SexualExploitation", c.sexualExploitation())));
        }
        rows.add(new Row(l.text("field.means_of_control"), l.codes("MeansOfControl", c.meansOfControl())));
        rows.add(new Row(l.text("field.caseworker_id"), nz(caseworker)));
        rows.add(new Row(l.text("documents.label.opened"), l.date(c.openedAt())));
        rows.add(new Row(l.text("documents.label.lastContact"), l.date(c.lastContactAt())));
        return new Section(l.text("documents.section.case"), rows);
    }

    private static Section consentSection(DocumentLabels l, List<Consents.Consent> consents) {
        List<Block> rows = new ArrayList<>();
        for (Consents.Consent c : consents) {
            List<String> lines = new ArrayList<>();
            lines.add(l.text(c.active() ? "documents.consent.active" : "documents.consent.inactive"));
            lines.add(l.text(
                    "documents.consent.given",
                    l.code("ConsentGiver", c.givenBy()),
                    l.code("ConsentMethod", c.method()),
                    l.date(c.givenOn())));
            if (c.sharedWith() != null && !c.sharedWith().isBlank()) {
                lines.add(l.text("documents.consent.sharedWith", c.sharedWith()));
            }
            if (c.expiresOn() != null) {
                lines.add(l.text("documents.consent.expires", l.date(c.expiresOn())));
            }
            if (c.withdrawnOn() != null) {
                lines.add(l.text("documents.consent.withdrawn", l.date(c.withdrawnOn())));
            }
            rows.add(new Row(l.capitalized(l.code("Purpose", c.purpose())), String.join("\n", lines)));
        }
        return section(l, "documents.section.consents", rows);
    }

    private static Section assessmentSection(DocumentLabels l, List<Assessments.Assessment> all) {
        List<Block> rows = new ArrayList<>();
        if (!all.isEmpty()) {
            Assessments.Assessment latest = all.get(all.size() - 1);
            rows.add(new Row(
                    l.text("documents.assessment.assessedOn"),
                    l.code("AssessmentKind", latest.kind()) + ", " + l.date(latest.assessedOn())));
            rows.add(new Row(l.text("field.risk"), l.code("RiskLevel", latest.riskLevel())));
            rows.add(new Row(l.text("documents.assessment.needs"), l.codes("Domain", latest.needs())));
            for (Assessments.Domain domain : Assessments.Domain.values()) {
                Integer rating = latest.ratings().get(domain.name());
                rows.add(new Row(
                        l.code("Domain", domain.name()), rating == null ? "" : l.code("Rating", rating.toString())));
            }
        }
        return section(l, "documents.section.assessment", rows);
    }

    private static Section planSection(DocumentLabels l, CarePlans.Plan plan) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Row(l.text("field.plan_status"), l.code("PlanStatus", plan.status())));
        if (!plan.goals().isEmpty()) {
            blocks.add(new Paragraph(l.text("documents.plan.goals")));
            for (CarePlans.Goal goal : plan.goals()) {
                blocks.add(new Row(l.code("Domain", goal.need()), nz(goal.description())));
            }
        }
        if (!plan.services().isEmpty()) {
            blocks.add(new Paragraph(l.text("documents.plan.services")));
            for (CarePlans.CareService service : plan.services()) {
                List<String> lines = new ArrayList<>();
                lines.add(l.code("ServiceStatus", service.status()));
                if (service.dueOn() != null) {
                    lines.add(l.text("documents.service.due", l.date(service.dueOn()))
                            + (service.overdue() ? " (" + l.text("documents.service.overdue") + ")" : ""));
                }
                if (service.provider() != null && !service.provider().isBlank()) {
                    lines.add(service.provider());
                }
                blocks.add(new Row(l.code("ServiceType", service.type()), String.join("\n", lines)));
            }
        }
        return new Section(l.text("documents.section.plan"), blocks);
    }

    private static Section followUpSection(DocumentLabels l, List<FollowUps.FollowUp> all) {
        List<Block> rows = new ArrayList<>();
        for (FollowUps.FollowUp f : all) {
            List<String> lines = new ArrayList<>();
            if (f.doneOn() == null) {
                lines.add(l.text("documents.followUp.due", l.date(f.dueOn()))
                        + (f.overdue() ? " (" + l.text("documents.service.overdue") + ")" : ""));
            } else {
                lines.add(l.text("documents.followUp.done", l.date(f.doneOn())));
                addCoded(l, lines, "field.contact", "Contact", f.contact());
                addCoded(l, lines, "field.safety", "Safety", f.safety());
                addCoded(l, lines, "field.school_or_work", "SchoolOrWork", f.schoolOrWork());
                addCoded(l, lines, "field.health", "Health", f.health());
                addCoded(l, lines, "field.exploitation", "Exploitation", f.exploitation());
            }
            rows.add(new Row(
                    l.text("documents.followUp.label", String.valueOf(f.monthsAfter())), String.join("\n", lines)));
        }
        return section(l, "documents.section.followUps", rows);
    }

    private static void addCoded(DocumentLabels l, List<String> lines, String field, String list, String code) {
        if (code != null && !code.isBlank()) {
            lines.add(l.text(field) + ": " + l.code(list, code));
        }
    }

    private static Section noteSection(DocumentLabels l, List<CaseNotes.Note> latest) {
        List<Block> rows = new ArrayList<>();
        for (CaseNotes.Note note : latest) {
            rows.add(new Row(l.code("NoteKind", note.kind()) + "\n" + l.date(note.happenedOn()), nz(note.body())));
        }
        return section(l, "documents.section.notes", rows);
    }

    /** A section, or a "none recorded" line when it has nothing to show. */
    private static Section section(DocumentLabels l, String heading, List<Block> blocks) {
        return new Section(
                l.text(heading), blocks.isEmpty() ? List.of(new Paragraph(l.text("documents.none"))) : blocks);
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
