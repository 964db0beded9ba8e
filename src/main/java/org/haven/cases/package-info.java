/**
 * Survivors and their cases. Today: people — identity fields encrypted under the organization's key,
 * found through blind indexes, every read, search and change audited with an encrypted change
 * history. The case-management issue builds cases, consent, assessments and care plans on it.
 */
package org.haven.cases;
