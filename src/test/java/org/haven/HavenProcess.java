package org.haven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Haven started on a state directory of the test's choosing, so a test can stop it and start it again
 * on the same data (a restart). Background jobs are slowed down: the test drives them.
 */
public final class HavenProcess {

    private HavenProcess() {}

    public static ConfigurableApplicationContext start(Path home, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--haven.home=" + home,
                "--server.port=0",
                "--haven.vault.rotation-every=1h",
                "--haven.audit.seal-every=1h"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(HavenApplication.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }
}
