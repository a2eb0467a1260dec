package io.dwpilot.persistence.etl;

import java.time.Duration;
import java.util.List;

/** The outcome of one ETL run. */
public record EtlReport(long runId, List<EtlStepResult> steps, Duration duration) {

    public long rowsIn() {
        return steps.stream().mapToLong(EtlStepResult::rowsIn).sum();
    }

    public long rowsOut() {
        return steps.stream().mapToLong(EtlStepResult::rowsOut).sum();
    }

    public long rowsRejected() {
        return steps.stream().mapToLong(EtlStepResult::rowsRejected).sum();
    }

    /** True when the run found nothing new to process. */
    public boolean nothingToDo() {
        return rowsIn() == 0;
    }
}
