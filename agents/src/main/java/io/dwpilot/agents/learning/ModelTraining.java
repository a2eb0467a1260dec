package io.dwpilot.agents.learning;

/** Trains one kind of model on a {@link TrainingSet} and judges it against the version that serves. */
interface ModelTraining {
    ModelKind<?> kind();

    Candidate train(TrainingSet data, TrainingProgress progress) throws TrainingException;
}
