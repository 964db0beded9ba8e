package org.haven.synthetic;

import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Generation speed on the test database: {@code ./mvnw -B -o test -Dtest=SyntheticDataBenchmark
 * -Dhaven.bench.cases=10000}. Skipped unless the property is set.
 */
@HavenTest
@EnabledIfSystemProperty(named = "haven.bench.cases", matches = "\\d+")
class SyntheticDataBenchmark {

    @Autowired
    SyntheticData data;

    @Test
    void generate() {
        int cases = Integer.parseInt(System.getProperty("haven.bench.cases"));
        String prefix = "Benchmark " + java.util.UUID.randomUUID().toString().substring(0, 8);
        data.generate(new SyntheticData.Plan(2, cases, 7, prefix), System.out);
    }
}
