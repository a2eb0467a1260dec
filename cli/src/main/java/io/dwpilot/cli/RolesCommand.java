package io.dwpilot.cli;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "roles",
        mixinStandardHelpOptions = true,
        description = {
            "The PostgreSQL roles users' statements run under (see docs/security.md). When dwpilot logs in",
            "as a superuser it keeps them itself; otherwise have a superuser run what --print-sql prints, once, in the",
            "warehouse database: dwpilot roles --print-sql --db-url URL | psql -v ON_ERROR_STOP=1 -d DB.",
            "New roles' passwords are generated and kept in the credentials file (dwpilot.security.credentials-file);",
            "the script holds only their SCRAM verifiers."
        })
final class RolesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--print-sql", description = "Print the SQL that creates the roles and their grants.")
    boolean printSql;

    @Override
    public Integer call() {
        if (!printSql) {
            throw new ParameterException(spec.commandLine(), "Say what to do: --print-sql");
        }
        DatabaseSettings settings = DatabaseSettings.fromConfig(common.config());
        spec.commandLine().getOut().print(Database.rolesScript(settings));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("-- the roles' passwords are kept in " + settings.credentialsFile());
        return 0;
    }
}
