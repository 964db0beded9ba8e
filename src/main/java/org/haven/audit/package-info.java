/**
 * The append-only, hash-chained audit trail: every sign-in, read of a sensitive record, search,
 * write, export and break-glass access, written in the transaction of the work it records; a single
 * sealer chains finished transactions' events with SHA-256 and signs checkpoints with Ed25519;
 * verification and export for outside auditors; per-record access logs and change histories.
 */
package org.haven.audit;
