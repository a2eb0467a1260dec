package io.dwpilot.simulator.workload.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How one planned episode really went: what was sent, when (real time), and the query ids the API returned. */
final class EpisodeRun {
    private final AnomalyEpisode episode;
    private final List<Long> queryIds = new ArrayList<>();
    private int sent;
    private Instant wallStarted;
    private Instant wallEnded;
    private Instant lastDue;

    EpisodeRun(AnomalyEpisode episode) {
        this.episode = episode;
    }

    AnomalyEpisode episode() {
        return episode;
    }

    /** Records a send; true for the episode's first. */
    synchronized boolean sending(Instant wallNow, Instant due) {
        sent++;
        if (wallStarted == null) {
            wallStarted = wallNow;
        }
        if (lastDue == null || due.isAfter(lastDue)) {
            lastDue = due;
        }
        return sent == 1;
    }

    synchronized void answered(Instant wallNow, Long queryId) {
        if (wallEnded == null || wallNow.isAfter(wallEnded)) {
            wallEnded = wallNow;
        }
        if (queryId != null) {
            queryIds.add(queryId);
        }
    }

    synchronized int sent() {
        return sent;
    }

    /** The episode as it went; its simulated end is cut short when the run stopped before the episode did. */
    synchronized GroundTruth.InjectedEpisode result() {
        boolean complete = sent == episode.statements().size();
        Instant end = complete || lastDue == null ? episode.end() : lastDue;
        List<Long> ids = new ArrayList<>(queryIds);
        ids.sort(null);
        return new GroundTruth.InjectedEpisode(
                episode.kind(),
                episode.start(),
                end,
                wallStarted,
                wallEnded == null ? wallStarted : wallEnded,
                sent,
                complete
                        ? episode.description()
                        : episode.description() + "; cut short after " + sent + " of "
                                + episode.statements().size() + " statements",
                ids);
    }
}
