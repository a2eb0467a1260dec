package io.dwpilot.http.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option checks that picocli's types cannot express; failures are usage errors (exit code 2). */
final class Validation {
    private Validation() {
    }

    static void positiveScale(CommandSpec spec, String option, double value, double max) {
        if (!(value > 0) || value > max) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be greater than 0 and at most " + max + ", got " + value);
        }
    }

    static void port(CommandSpec spec, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
    }
}
