package org.haven.identity;

import org.haven.identity.IdentityFixtures.Person;
import org.springframework.context.ApplicationContext;

/** Looks up the signed-in view of a fixture person, for calling services as them. */
final class StaffUsersView {

    private final StaffUsers users;

    StaffUsersView(ApplicationContext context) {
        this.users = context.getBean(StaffUsers.class);
    }

    CurrentUser currentUser(Person person) {
        return users.findById(person.id()).orElseThrow().toCurrentUser();
    }
}
