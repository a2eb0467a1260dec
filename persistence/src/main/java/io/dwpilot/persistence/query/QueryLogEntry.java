package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One execution as it lands in metadata.query_logs; built with {@link #builder()}. The id is handed out beforehand
 * (see {@link QueryIds}) so that the caller can look the execution up at once; when none could be had (the database
 * unreachable and the ids taken ahead used up) the writer takes one from the sequence when it writes the row.
 *
 * @param planChoice        the plan the plan steerer chose; empty until the steerer fills it
 * @param concurrentQueries statements running at once when this one started, as the gateway counted them
 * @param features          what the time was predicted from, stored in ml.feature_store with the same query id
 */
public record QueryLogEntry(
        OptionalLong queryId,
        String queryText,
        Optional<String> fingerprint,
        Optional<String> normalizedText,
        Optional<String> statementKind,
        String userId,
        String userRole,
        ExecutionStatus status,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        Optional<Double> executionTimeMs,
        Optional<Double> queueTimeMs,
        Optional<Double> predictedTimeMs,
        Optional<Long> rowsReturned,
        boolean truncated,
        List<String> tablesAccessed,
        Optional<String> planChoice,
        Instant executedAt,
        Optional<Instant> simulatedAt,
        OptionalInt concurrentQueries,
        Optional<FeatureRow> features) {

    /** An entry with every optional field empty: the query text, user, role, status and time must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this entry's fields, to change some of them. */
    public Builder toBuilder() {
        return new Builder()
                .queryId(queryId)
                .queryText(queryText)
                .fingerprint(fingerprint)
                .normalizedText(normalizedText)
                .statementKind(statementKind)
                .userId(userId)
                .userRole(userRole)
                .status(status)
                .errorCode(errorCode)
                .errorMessage(errorMessage)
                .executionTimeMs(executionTimeMs)
                .queueTimeMs(queueTimeMs)
                .predictedTimeMs(predictedTimeMs)
                .rowsReturned(rowsReturned)
                .truncated(truncated)
                .tablesAccessed(tablesAccessed)
                .planChoice(planChoice)
                .executedAt(executedAt)
                .simulatedAt(simulatedAt)
                .concurrentQueries(concurrentQueries)
                .features(features);
    }

    QueryLogEntry withQueryId(long id) {
        return toBuilder().queryId(OptionalLong.of(id)).build();
    }

    /** Collects the fields of an entry; {@link #build()} checks that the required ones were set. */
    public static final class Builder {
        private OptionalLong queryId = OptionalLong.empty();
        private String queryText;
        private Optional<String> fingerprint = Optional.empty();
        private Optional<String> normalizedText = Optional.empty();
        private Optional<String> statementKind = Optional.empty();
        private String userId;
        private String userRole;
        private ExecutionStatus status;
        private Optional<String> errorCode = Optional.empty();
        private Optional<String> errorMessage = Optional.empty();
        private Optional<Double> executionTimeMs = Optional.empty();
        private Optional<Double> queueTimeMs = Optional.empty();
        private Optional<Double> predictedTimeMs = Optional.empty();
        private Optional<Long> rowsReturned = Optional.empty();
        private boolean truncated;
        private List<String> tablesAccessed = List.of();
        private Optional<String> planChoice = Optional.empty();
        private Instant executedAt;
        private Optional<Instant> simulatedAt = Optional.empty();
        private OptionalInt concurrentQueries = OptionalInt.empty();
        private Optional<FeatureRow> features = Optional.empty();

        private Builder() {}

        public Builder queryId(OptionalLong queryId) {
            this.queryId = queryId;
            return this;
        }

        public Builder queryText(String queryText) {
            this.queryText = queryText;
            return this;
        }

        public Builder fingerprint(Optional<String> fingerprint) {
            this.fingerprint = fingerprint;
            return this;
        }

        public Builder normalizedText(Optional<String> normalizedText) {
            this.normalizedText = normalizedText;
            return this;
        }

        public Builder statementKind(Optional<String> statementKind) {
            this.statementKind = statementKind;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder userRole(String userRole) {
            this.userRole = userRole;
            return this;
        }

        public Builder status(ExecutionStatus status) {
            this.status = status;
            return this;
        }

        public Builder errorCode(Optional<String> errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public Builder errorMessage(Optional<String> errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder executionTimeMs(Optional<Double> executionTimeMs) {
            this.executionTimeMs = executionTimeMs;
            return this;
        }

        public Builder queueTimeMs(Optional<Double> queueTimeMs) {
            this.queueTimeMs = queueTimeMs;
            return this;
        }

        public Builder predictedTimeMs(Optional<Double> predictedTimeMs) {
            this.predictedTimeMs = predictedTimeMs;
            return this;
        }

        public Builder rowsReturned(Optional<Long> rowsReturned) {
            this.rowsReturned = rowsReturned;
            return this;
        }

        public Builder truncated(boolean truncated) {
            this.truncated = truncated;
            return this;
        }

        public Builder tablesAccessed(List<String> tablesAccessed) {
            this.tablesAccessed = tablesAccessed;
            return this;
        }

        public Builder planChoice(Optional<String> planChoice) {
            this.planChoice = planChoice;
            return this;
        }

        public Builder executedAt(Instant executedAt) {
            this.executedAt = executedAt;
            return this;
        }

        public Builder simulatedAt(Optional<Instant> simulatedAt) {
            this.simulatedAt = simulatedAt;
            return this;
        }

        public Builder concurrentQueries(OptionalInt concurrentQueries) {
            this.concurrentQueries = concurrentQueries;
            return this;
        }

        public Builder features(Optional<FeatureRow> features) {
            this.features = features;
            return this;
        }

        /** @throws NullPointerException naming the first required field left unset */
        public QueryLogEntry build() {
            return new QueryLogEntry(
                    queryId,
                    required(queryText, "queryText"),
                    fingerprint,
                    normalizedText,
                    statementKind,
                    required(userId, "userId"),
                    required(userRole, "userRole"),
                    required(status, "status"),
                    errorCode,
                    errorMessage,
                    executionTimeMs,
                    queueTimeMs,
                    predictedTimeMs,
                    rowsReturned,
                    truncated,
                    tablesAccessed,
                    planChoice,
                    required(executedAt, "executedAt"),
                    simulatedAt,
                    concurrentQueries,
                    features);
        }

        private static <T> T required(T value, String field) {
            return Objects.requireNonNull(value, () -> "a query log entry needs its " + field);
        }
    }
}
