package org.haven.audit;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In an admin command's process, work outside requests is the operator's. */
@Component
@Profile("admin")
class AdminChannel {

    AdminChannel() {
        Channels.outsideRequestsAre("admin");
    }
}
