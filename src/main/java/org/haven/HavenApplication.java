package org.haven;

import java.util.Arrays;
import org.haven.platform.LaunchSettings;
import org.haven.platform.Preflight;
import org.haven.platform.StartupProblem;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. {@code java -jar haven.jar} serves the web UI and API; {@code java -jar haven.jar admin
 * COMMAND ...} runs one operator command against the same database and exits.
 */
@SpringBootApplication
@EnableScheduling
public class HavenApplication {

    public static void main(String[] args) {
        boolean admin = args.length > 0 && args[0].equals("admin");
        LaunchSettings settings = null;
        try {
            settings = LaunchSettings.fromEnvironment();
            Preflight.check(settings, !admin);
            SpringApplication application = new SpringApplication(HavenApplication.class);
            var defaults = settings.springDefaults();
            if (admin) {
                defaults.put("server.port", -1);
            }
            application.setDefaultProperties(defaults);
            if (admin) {
                application.setAdditionalProfiles("admin");
                String[] commandArgs = Arrays.copyOfRange(args, 1, args.length);
                ConfigurableApplicationContext context = application.run(commandArgs);
                int code = SpringApplication.exit(context);
                System.exit(code);
            } else {
                application.run(args);
            }
        } catch (StartupProblem problem) {
            System.err.println("haven: " + problem.getMessage());
            System.exit(2);
        } catch (RuntimeException failure) {
            StartupProblem problem = StartupProblem.find(failure);
            if (problem != null) {
                System.err.println("haven: " + problem.getMessage());
                System.exit(2);
            }
            System.err.println("haven: Haven could not start; the details are in "
                    + (settings == null
                            ? "the log"
                            : settings.home().resolve("logs").resolve("haven.log")) + ".");
            System.exit(1);
        }
    }
}
