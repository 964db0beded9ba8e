package org.haven.synthetic;

import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Generation speed on the test database, with the baseline (the same cases without encryption, keyed
 * tokens or audit) in the same run: {@code ./mvnw -B -o test -Dtest=SyntheticDataBenchmark
 * -Dhaven.bench.cases=10000 [-Dhaven.bench.reports=10000]}. Skipped unless the property is set; the
 * figures are in {@code target/surefire-reports/org.haven.synthetic.SyntheticDataBenchmark-output.txt}.
 */
@HavenTest
@EnabledIfSystemProperty(named = "haven.bench.cases", matches = "\\d+")
class SyntheticDataBenchmark {

    @Autowired
    SyntheticData data;

    @Test
    void generate() {
        int cases = Integer.parseInt(System.getProperty("haven.bench.cases"));
        int reports = Integer.getInteger("haven.bench.reports", 0);
        String prefix = "Benchmark " + java.util.UUID.randomUUID().toString().substring(0, 8);
        data.generate(new SyntheticData.Plan(2, cases, reports, 7, prefix, true), System.out);
    }
}
