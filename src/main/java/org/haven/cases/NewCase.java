package org.haven.cases;

import jakarta.validation.Valid;
import java.util.UUID;

/**
 * A case to open: for a new person ({@code person}) or one already registered ({@code personId}).
 * When the person looks like someone already known, the case is opened only with
 * {@code createAnyway}, and that choice is recorded.
 */
public record NewCase(
        @Valid PersonInput person, UUID personId, @Valid CaseDetails details, boolean createAnyway) {}
