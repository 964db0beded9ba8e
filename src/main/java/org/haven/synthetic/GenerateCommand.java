package org.haven.synthetic;

import java.io.PrintStream;
import java.util.Map;
import java.util.Set;
import org.haven.platform.AdminCommand;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** {@code ./haven admin generate --organizations N --cases N [--reports N] --seed S [--baseline yes]}. */
@Component
@Profile("admin")
class GenerateCommand implements AdminCommand {

    private static final Set<String> OPTIONS =
            Set.of("organizations", "cases", "reports", "seed", "prefix", "baseline");

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
        return "  generate --organizations N --cases N [--reports N] --seed S [--prefix NAME] [--baseline yes]\n"
                + "      (fictional organizations, staff, cases in every stage, reports and incidents; same seed,\n"
                + "      same data; --baseline also times the same cases without encryption or audit)";
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
        int reports = options.containsKey("reports") ? number(options, "reports", 0, 10_000_000) : 0;
        String baseline = options.getOrDefault("baseline", "no").strip();
        if (!baseline.equals("yes") && !baseline.equals("no")) {
            throw new UsageProblem("--baseline must be yes or no.");
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
        SyntheticData.Result result = data.generate(
                new SyntheticData.Plan(organizations, cases, reports, seed, prefix, baseline.equals("yes")), out);
        out.printf(
                "Generated %d organizations, %d staff accounts, %d cases (%.0f cases/s), %d reports and %d incidents"
                        + " in %.1f s.%n",
                result.organizations(),
                result.staff(),
                result.cases(),
                result.casesPerSecond(),
                result.reports(),
                result.incidents(),
                result.seconds());
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
