package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ModelKind;
import java.sql.SQLException;

/**
 * Trains one kind of model on a {@link TrainingSet} and judges it against what serves: the baseline its consumers use
 * without a model, and the active version.
 */
interface ModelTraining {
    ModelKind<?> kind();

    /**
     * @throws TrainingException when the data cannot train this model (too little of it, say)
     * @throws SQLException      when a read the training needs beyond the set fails
     */
    Candidate train(TrainingSet data, TrainingProgress progress) throws TrainingException, SQLException;
}
