package org.haven.cases;

import jakarta.validation.Valid;

/** A change to a case and its person; null parts and fields are left as they are. */
public record CaseChange(@Valid PersonInput person, @Valid CaseDetails details, String riskLevel) {}
