/**
 * Intake: anonymous public reports and hotline intake, receipt codes and two-way messages with the
 * person who reported, and (next) triage, incidents and routing. Nothing here records who reported:
 * no address, user agent, cookie or exact time.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package org.haven.intake;
