package org.haven.platform;

/**
 * The name this process gives its database connections ({@code application_name}), so operations
 * that need Haven stopped can see whether another Haven process is still connected.
 */
public final class DatabaseApplicationName {

    public static final String VALUE = "haven " + ProcessHandle.current().pid();

    private DatabaseApplicationName() {}
}
