/**
 * Synthetic data: realistic, fictional people and case histories generated deterministically from a
 * seed ({@code ./haven admin generate}), written through the owning modules' bulk loaders so the
 * rows, ciphertext, blind indexes and audit events are those the services write.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Synthetic data")
package org.haven.synthetic;
