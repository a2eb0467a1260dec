package io.dwpilot.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Option checks that picocli's types cannot express; failures are usage errors (exit code 2). */
final class Validation {
    private Validation() {}

    static void positiveScale(CommandSpec spec, String option, double value, double max) {
        if (!(value > 0) || value > max) {
            throw new ParameterException(
                    spec.commandLine(), option + " must be greater than 0 and at most " + max + ", got " + value);
        }
    }

    static void port(CommandSpec spec, int port) {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
    }

    /** A positive duration in the configuration file's syntax, e.g. {@code 14d}, {@code 36h}, {@code 90m}. */
    static Duration duration(CommandSpec spec, String option, String value) {
        try {
            Duration d = ConfigFactory.empty()
                    .withValue("d", ConfigValueFactory.fromAnyRef(value))
                    .getDuration("d");
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (ConfigException e) {
            // reported below
        }
        throw new ParameterException(
                spec.commandLine(), option + " must be a positive duration such as 14d, 36h" + " or 90m, got " + value);
    }
}
