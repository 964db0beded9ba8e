/**
 * Routing reports to vetted partner organizations: the intake organization's registry of partners,
 * the minimum-necessary summary sent to one of them with a deadline to acknowledge, the partner's own
 * queue (for partners inside Haven), the password-protected export (for partners outside), and the
 * escalation of routings nobody acknowledged in time. The partner never sees the report itself, the
 * reporter's messages or the receipt code.
 */
package org.haven.intake.routing;
