package org.haven.cases;

import java.time.Duration;
import java.util.function.Supplier;
import org.haven.platform.Refusal;
import org.haven.platform.Refusal.Status;
import org.haven.platform.Share;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Name searches' share of the database (decision 38): at most {@code permits} searches by name run at
 * once; the others wait their turn, first come first served, for up to {@code wait}, holding no database
 * connection, then are refused with "search again in a few seconds" (503). A search of a million people
 * keeps a connection and a processor for the better part of a second; without a share, a few dozen of
 * them took every connection, and case views waited ten seconds for one and failed.
 */
@Component
class SearchShare {

    private final Share share;

    SearchShare(
            @Value("${haven.search.concurrency:0}") int concurrency, @Value("${haven.search.wait:10s}") Duration wait) {
        this.share = new Share("haven.search.concurrency", Share.orTwiceTheProcessors(concurrency), wait);
    }

    /**
     * Runs {@code search} (which opens its own transaction) once it is its turn; call it outside any
     * transaction, so that waiting holds no connection.
     */
    <T> T run(Supplier<T> search) {
        if (!share.enter()) {
            throw new Refusal(Status.UNAVAILABLE, "search.busy");
        }
        try {
            return search.get();
        } finally {
            share.leave();
        }
    }

    /** How many more searches could run now (for tests). */
    int available() {
        return share.available();
    }
}
