package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.Role;
import io.dwpilot.persistence.access.DatabaseRole;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final String TOKENS = """
            tokens = [
              { token = "analyst-0123456789", user = "alan", role = analyst },
              { token = "operator-0123456789", user = "olga", role = operator },
              { token = "admin-0123456789", user = "ada", role = ADMIN },
              { token = "simulator-0123456789", user = "sim", role = simulator } ]""";

    private static Config config(String auth) {
        return ConfigFactory.parseString("dwpilot.http.auth { " + auth + " }")
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    private static Caller caller(Authenticator auth, String token) {
        return auth.authenticate(Optional.of("Bearer " + token)).orElseThrow();
    }

    @Test
    void withoutTokensOnlyTheLoopbackAddressIsServedAsTheAnonymousRoleWhichMaySetTheSimulatedTime() {
        Authenticator local = Authenticator.fromConfig(config(""), "127.0.0.1");
        assertThat(local.authenticate(Optional.empty())).contains(new Caller("local", Role.ADMIN, true, true));
        Authenticator analyst = Authenticator.fromConfig(config("anonymous-role = analyst"), "127.0.0.1");
        assertThat(analyst.authenticate(Optional.empty())).contains(new Caller("local", Role.ANALYST, false, true));
        assertThatThrownBy(() -> Authenticator.fromConfig(config(""), "0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs bearer tokens");
    }

    @Test
    void tokensMapToTheirUserAndRole() {
        Authenticator auth = Authenticator.fromConfig(
                config("tokens = [{ token = \"0123456789abcdefXYZ\", user = \"alan\", role = analyst }]"), "0.0.0.0");
        assertThat(auth.authenticate(Optional.of("Bearer 0123456789abcdefXYZ")))
                .contains(new Caller("alan", Role.ANALYST));
        assertThat(auth.authenticate(Optional.of("bearer 0123456789abcdefXYZ"))).isPresent();
        assertThat(auth.authenticate(Optional.of("Bearer 0123456789abcdefXY"))).isEmpty();
        assertThat(auth.authenticate(Optional.empty())).isEmpty();
        assertThat(auth.authenticate(Optional.of("Basic YWxhbjpwdw=="))).isEmpty();
    }

    @Test
    void eachRoleHasItsDatabaseRoleWorkloadViewSimulatedTimeAndAdminApi() {
        Authenticator auth = Authenticator.fromConfig(config(TOKENS), "0.0.0.0");
        Caller analyst = caller(auth, "analyst-0123456789");
        Caller operator = caller(auth, "operator-0123456789");
        Caller admin = caller(auth, "admin-0123456789");
        Caller simulator = caller(auth, "simulator-0123456789");

        assertThat(analyst.databaseRole()).isEqualTo(DatabaseRole.ANALYST);
        assertThat(operator.databaseRole()).isEqualTo(DatabaseRole.ANALYST);
        assertThat(admin.databaseRole()).isEqualTo(DatabaseRole.ADMIN);
        assertThat(simulator.databaseRole()).isEqualTo(DatabaseRole.ADMIN);

        assertThat(analyst.mayViewWorkload()).isFalse();
        assertThat(operator.mayViewWorkload()).isTrue();
        assertThat(admin.mayViewWorkload()).isTrue();
        assertThat(simulator.mayViewWorkload()).isFalse();

        assertThat(simulator.maySetSimulatedTime()).isTrue();
        assertThat(analyst.maySetSimulatedTime() || operator.maySetSimulatedTime() || admin.maySetSimulatedTime())
                .as("only the simulator's token sets the simulated time")
                .isFalse();

        assertThat(admin.isAdmin()).isTrue();
        assertThat(analyst.isAdmin() || operator.isAdmin() || simulator.isAdmin())
                .isFalse();
        assertThat(simulator.role().label()).isEqualTo("simulator");
    }

    @Test
    void whoViewsTheWorkloadIsConfigured() {
        Authenticator auth =
                Authenticator.fromConfig(config(TOKENS + "\nworkload-view = [admin, simulator]"), "0.0.0.0");
        assertThat(caller(auth, "operator-0123456789").mayViewWorkload()).isFalse();
        assertThat(caller(auth, "admin-0123456789").mayViewWorkload()).isTrue();
        assertThat(caller(auth, "simulator-0123456789").mayViewWorkload()).isTrue();
        Authenticator nobody = Authenticator.fromConfig(config("workload-view = []"), "127.0.0.1");
        assertThat(nobody.authenticate(Optional.empty()).orElseThrow().mayViewWorkload())
                .isFalse();
    }

    @Test
    void badTokenEntriesAndRoleNamesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> Authenticator.fromConfig(
                        config("tokens = [{ token = \"short\", user = \"x\", role = admin }]"), "127.0.0.1"))
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> Authenticator.fromConfig(
                        config("tokens = [{ token = \"0123456789abcdefXYZ\", user = \"x\", role = superuser }]"),
                        "127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dwpilot.http.auth.tokens (user x)")
                .hasMessageContaining("Unknown role 'superuser': use one of analyst, operator, admin, simulator");
        assertThatThrownBy(() -> Authenticator.fromConfig(config("anonymous-role = root"), "127.0.0.1"))
                .hasMessageContaining("dwpilot.http.auth.anonymous-role")
                .hasMessageContaining("Unknown role 'root'");
        assertThatThrownBy(() -> Authenticator.fromConfig(config("workload-view = [operator, auditor]"), "127.0.0.1"))
                .hasMessageContaining("dwpilot.http.auth.workload-view")
                .hasMessageContaining("Unknown role 'auditor'")
                .hasMessageContaining("analyst, operator, admin, simulator");
    }
}
