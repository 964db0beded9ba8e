package org.haven.identity;

/** An account's life: invited (not yet activated), active, or suspended by an administrator. */
public enum UserStatus {
    INVITED,
    ACTIVE,
    SUSPENDED
}
