package org.haven.synthetic;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import org.haven.platform.AdminCommand;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@code ./haven admin generate --organizations N --cases N [--reports N] --seed S}. */
@Component
@Profile("admin")
class GenerateCommand implements AdminCommand {

    private static final Set<String> OPTIONS = Set.of("organizations", "cases", "reports", "seed", "prefix");

    private final SyntheticData data;

    GenerateCommand(SyntheticData data) {
        this.data = data;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String usage() {
        return "  generate --organizations N --cases N --seed S [--prefix NAME]\n"
                + "      (fictional organizations, staff and cases in every stage; same seed, same data)";
    }

    @Override
    public int run(Map<String, String> options, PrintStream out, PrintStream err) {
        for (String option : options.keySet()) {
            if (!OPTIONS.contains(option)) {
                throw new UsageProblem("Unknown option --" + option + ".");
            }
        }
        int organizations = number(options, "organizations", 1, 1_000);
        int cases = number(options, "cases", 0, 10_000_000);
        if (options.containsKey("reports") && number(options, "reports", 0, 10_000_000) > 0) {
            throw new UsageProblem("--reports is not supported yet: reports and incidents are not generated.");
        }
        long seed;
        try {
            seed = Long.parseLong(AdminCommand.required(options, "seed").strip());
        } catch (NumberFormatException e) {
            throw new UsageProblem("--seed must be a whole number.");
        }
        String prefix = options.getOrDefault("prefix", "Synthetic organization").strip();
        if (prefix.isEmpty() || prefix.length() > 80) {
            throw new UsageProblem("--prefix must be 1 to 80 characters.");
        }
        SyntheticData.Result result = data.generate(new SyntheticData.Plan(organizations, cases, seed, prefix), out);
        out.printf(
                "Generated %d organizations, %d staff accounts, %d cases in %.1f s (%.0f cases/s).%n",
                result.organizations(), result.staff(), result.cases(), result.seconds(), result.casesPerSecond());
        return 0;
    }

    private static int number(Map<String, String> options, String name, int min, int max) {
        String value = AdminCommand.required(options, name).strip();
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new UsageProblem("--" + name + " must be between " + min + " and " + max + ".");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageProblem("--" + name + " must be a whole number.");
        }
    }
}
