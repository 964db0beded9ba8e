package org.haven.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkResultTest {

    @Test
    void readsTheSummaryLineAmongWrksOwnOutput() {
        String output = """
                Running 20s test @ http://127.0.0.1:41234
                  2 threads and 16 connections
                  Latency    12.31ms    4.02ms  80.11ms   91.20%
                HAVEN-WRK requests=25000 duration_us=20000000 p50_us=11500 p95_us=19250 p99_us=31000 max_us=80110\
                 connect_errors=0 read_errors=1 write_errors=0 status_errors=3 timeouts=2 accepted=24990 refused=10
                Requests/sec:   1250.00
                """;

        WrkResult result = WrkResult.parse(output);

        assertThat(result.requests()).isEqualTo(25_000);
        assertThat(result.seconds()).isEqualTo(20.0);
        assertThat(result.perSecond()).isEqualTo(1_250.0);
        assertThat(result.p50Millis()).isEqualTo(11.5);
        assertThat(result.p95Millis()).isEqualTo(19.25);
        assertThat(result.p99Millis()).isEqualTo(31.0);
        assertThat(result.maxMillis()).isEqualTo(80.11);
        assertThat(result.socketErrors()).isEqualTo(3);
        assertThat(result.statusErrors()).isEqualTo(3);
        assertThat(result.accepted()).isEqualTo(24_990);
        assertThat(result.acceptedPerSecond()).isEqualTo(1_249.5);
        assertThat(result.refused()).isEqualTo(10);
    }

    @Test
    void refusesOutputWithoutTheSummary() {
        assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HAVEN-WRK");
        assertThatThrownBy(() -> WrkResult.parse("HAVEN-WRK requests=1 duration_us=1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p50_us");
    }
}
