package io.dwpilot.agents.learning;

/** A model could not be trained, e.g. for lack of data; the message says what was missing. */
public final class TrainingException extends Exception {
    public TrainingException(String message) {
        super(message);
    }
}
