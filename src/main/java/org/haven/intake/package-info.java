/**
 * The front door: anonymous public reports, hotline intake, triage, incidents and routing to trusted
 * partners. Haven never learns who a public reporter is.
 */
package org.haven.intake;
