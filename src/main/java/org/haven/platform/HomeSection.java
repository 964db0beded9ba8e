package org.haven.platform;

import java.security.Principal;
import java.util.Optional;

/**
 * A part of the staff home page contributed by a module (a caseworker's day, a triage queue), so the
 * home page answers "what must I do today" without the identity module knowing the others.
 */
public interface HomeSection {

    /** A rendered section: the template holding a {@code panel(data)} fragment, and its data. */
    record Rendered(String template, Object data) {}

    /** The section for this signed-in person, or empty when it is not for them. */
    Optional<Rendered> render(Principal user);
}
