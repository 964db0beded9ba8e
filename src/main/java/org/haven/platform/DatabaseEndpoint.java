package org.haven.platform;

import java.io.Closeable;

/** Where Haven's PostgreSQL is and how to sign in to it. Closing it stops a database Haven started. */
interface DatabaseEndpoint extends Closeable {

    String url();

    String user();

    String password();
}
