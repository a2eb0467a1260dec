package io.dwpilot.models.verify;

/** What to do with a verified change. */
public enum Verdict {
    /** It helped and nothing regressed. */
    KEEP,
    /** It did not help enough, or something got slower: drop it. */
    REVERT,
    /** Too few executions of the affected fingerprints to judge yet. */
    INCONCLUSIVE
}
