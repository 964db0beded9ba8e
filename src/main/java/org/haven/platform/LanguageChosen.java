package org.haven.platform;

import java.util.Locale;

/** Announced (synchronously, in the request) when someone picks a language with the header switch. */
public record LanguageChosen(Locale locale) {}
