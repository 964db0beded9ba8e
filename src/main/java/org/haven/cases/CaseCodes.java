package org.haven.cases;

import java.util.Arrays;
import java.util.List;

/** The code lists as the screens offer them, each shown through {@code code.<List>.<NAME>}. */
final class CaseCodes {

    static final CaseCodes INSTANCE = new CaseCodes();

    private CaseCodes() {}

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    public List<String> stages() {
        return names(CaseStage.class);
    }

    public List<String> risks() {
        return names(Vocabulary.RiskLevel.class);
    }

    public List<String> genders() {
        return names(Vocabulary.Gender.class);
    }

    public List<String> sexes() {
        return List.of("FEMALE", "MALE", "OTHER", "UNKNOWN");
    }

    public List<String> traffickingStatuses() {
        return names(Vocabulary.TraffickingStatus.class);
    }

    public List<String> exploitationTypes() {
        return names(Vocabulary.ExploitationType.class);
    }

    public List<String> sexualExploitation() {
        return names(Vocabulary.SexualExploitation.class);
    }

    public List<String> meansOfControl() {
        return names(Vocabulary.MeansOfControl.class);
    }

    public List<String> recruiterRelations() {
        return names(Vocabulary.RecruiterRelation.class);
    }

    public List<String> provinces() {
        return Vocabulary.PROVINCES;
    }

    public List<String> relationships() {
        return names(Vocabulary.Relationship.class);
    }

    public List<String> noteKinds() {
        return names(Vocabulary.NoteKind.class);
    }

    public List<String> serviceTypes() {
        return names(Vocabulary.ServiceType.class);
    }

    public List<String> serviceStatuses() {
        return names(Vocabulary.ServiceStatus.class);
    }

    public List<String> flagKinds() {
        return names(Vocabulary.FlagKind.class);
    }

    public List<String> domains() {
        return names(Assessments.Domain.class);
    }

    public List<String> purposes() {
        return names(Consents.Purpose.class);
    }

    public List<String> attachmentKinds() {
        return names(Attachments.Kind.class);
    }

    public List<String> contacts() {
        return names(Vocabulary.Contact.class);
    }

    public List<String> safeties() {
        return names(Vocabulary.Safety.class);
    }

    public List<String> schoolOrWork() {
        return names(Vocabulary.SchoolOrWork.class);
    }

    public List<String> healths() {
        return names(Vocabulary.Health.class);
    }

    public List<String> exploitationChecks() {
        return names(Vocabulary.Exploitation.class);
    }
}
