package org.haven.intake;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.haven.cases.Vocabulary;

/**
 * A report's place: the province, when given, is one of Cambodia's; the district, when given, is a known
 * district code of that province (of any province when none is given). Each problem names its field,
 * {@code province} or {@code district}, so the error summary links to it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistrictInProvince.Check.class)
public @interface DistrictInProvince {

    String message() default "must be a district of the chosen province";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a {@link PublicReport}'s province and district. */
    class Check implements ConstraintValidator<DistrictInProvince, PublicReport> {

        @Override
        public boolean isValid(PublicReport report, ConstraintValidatorContext context) {
            if (report == null) {
                return true;
            }
            String province = report.province();
            boolean provinceKnown =
                    province == null || province.isBlank() || Vocabulary.PROVINCES.contains(province.strip());
            boolean districtFits = Vocabulary.isDistrictOf(provinceKnown ? province : null, report.district());
            if (provinceKnown && districtFits) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            if (!provinceKnown) {
                context.buildConstraintViolationWithTemplate("must be a province of Cambodia")
                        .addPropertyNode("province")
                        .addConstraintViolation();
            }
            if (!districtFits) {
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("district")
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
