package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/** The password step's rules, against the real database. */
class SignInRulesTests extends IdentityTestSupport {

    @Autowired
    PasswordAuthenticator authenticator;

    private Authentication attempt(String email, String password) {
        return authenticator.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, password));
    }

    @Test
    void parallelGuessesAreAllCounted() throws Exception {
        Person person = fixtures.person(fixtures.organization("Parallel Org"), Role.CASEWORKER);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String guess = "wrong guess number " + i;
                guesses.add(pool.submit(() -> {
                    try {
                        attempt(person.email(), guess);
                    } catch (BadCredentialsException expected) {
                        // every guess is wrong
                    }
                }));
            }
            for (Future<?> guess : guesses) {
                guess.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.sql("SELECT failed_attempts FROM staff_user WHERE id = ?")
                        .param(person.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void aRightPasswordYieldsOnlyAPendingSignIn() {
        Person person = fixtures.person(fixtures.organization("Pending Org"), Role.SUPERVISOR);
        Authentication result = attempt(person.email().toUpperCase(), person.password());
        assertThat(result.getPrincipal()).isEqualTo(new PendingSignIn(person.id(), false));
        assertThat(result.getAuthorities()).extracting(Object::toString).containsExactly(PendingSignIn.AUTHORITY);
    }

    @Test
    void everyRefusalLooksTheSame() {
        Person suspended = fixtures.person(fixtures.organization("Refusal Org"), Role.CASEWORKER);
        jdbc.sql("UPDATE staff_user SET status = 'SUSPENDED' WHERE id = ?")
                .param(suspended.id())
                .update();
        List<String[]> attempts = List.of(
                new String[] {"nobody-" + IdentityFixtures.unique() + "@test.example", "whatever password"},
                new String[] {suspended.email(), "wrong password here"},
                new String[] {suspended.email(), suspended.password()},
                new String[] {suspended.id().toString(), ""},
                new String[] {"", ""},
                new String[] {"x".repeat(300), "y"});
        for (String[] credentials : attempts) {
            assertThatThrownBy(() -> attempt(credentials[0], credentials[1]))
                    .isInstanceOf(BadCredentialsException.class)
                    .hasMessage("refused");
        }
    }
}
