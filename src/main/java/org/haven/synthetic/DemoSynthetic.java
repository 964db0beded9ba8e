package org.haven.synthetic;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import org.haven.platform.InstallationFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code --demo}, the generator at small size: {@value #ORGANIZATIONS} more partner organizations of
 * the demo network ("{@value #PREFIX} 1…"), with their staff, {@value #CASES} cases in every stage and
 * {@value #REPORTS} reports with their incidents, the same on every installation (seed {@value #SEED}), so
 * that the network's lists, statistics and searches have something to show beside the hand-written demo
 * cases. Once per installation (the fact {@value #FACT}, recorded before generating: an interrupted
 * start leaves part of it rather than generating it twice).
 */
@Component
@Profile("!admin")
@ConditionalOnBooleanProperty("haven.demo")
class DemoSynthetic {

    static final String FACT = "demo.synthetic";
    static final String PREFIX = "Demo partner";
    static final int ORGANIZATIONS = 2;
    static final int CASES = 200;
    static final int REPORTS = 40;
    static final long SEED = 2026L;
    private static final long LOCK = 0x4861_7665_6e53_796eL;
    private static final Logger log = LoggerFactory.getLogger(DemoSynthetic.class);

    private final SyntheticData data;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoSynthetic(SyntheticData data, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.data = data;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        try {
            if (!Boolean.TRUE.equals(transactions.execute(status -> claim()))) {
                return;
            }
            SyntheticData.Result result = data.generate(
                    new SyntheticData.Plan(ORGANIZATIONS, CASES, REPORTS, SEED, PREFIX, false),
                    new PrintStream(OutputStream.nullOutputStream()));
            log.info(
                    "Demo network: {} generated organizations, {} cases, {} reports in {} s",
                    result.organizations(),
                    result.cases(),
                    result.reports(),
                    Math.round(result.seconds()));
        } catch (RuntimeException e) {
            log.warn(
                    "Demo network data could not be generated: {}", e.getClass().getSimpleName());
        }
    }

    /** Records that this installation generates the demo network's data, unless one did before. */
    boolean claim() {
        if (!InstallationFacts.notYet(jdbc, LOCK, FACT)) {
            return false;
        }
        InstallationFacts.record(jdbc, FACT, clock.instant());
        return true;
    }
}
