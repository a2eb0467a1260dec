package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.gateway.Caller;
import io.dwpilot.agents.gateway.Role;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static Config config(String auth) {
        return ConfigFactory.parseString("dwpilot.http.auth { " + auth + " }").withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void withoutTokensOnlyTheLoopbackAddressIsServedAsTheAnonymousRole() {
        Authenticator local = Authenticator.fromConfig(config(""), "127.0.0.1");
        assertThat(local.authenticate(Optional.empty())).contains(new Caller("local", Role.ADMIN));
        assertThatThrownBy(() -> Authenticator.fromConfig(config(""), "0.0.0.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs bearer tokens");
    }

    @Test
    void tokensMapToTheirUserAndRole() {
        Authenticator auth = Authenticator.fromConfig(config(
                "tokens = [{ token = \"0123456789abcdefXYZ\", user = \"alan\", role = analyst }]"), "0.0.0.0");
        assertThat(auth.authenticate(Optional.of("Bearer 0123456789abcdefXYZ"))).contains(new Caller("alan", Role.ANALYST));
        assertThat(auth.authenticate(Optional.of("bearer 0123456789abcdefXYZ"))).isPresent();
        assertThat(auth.authenticate(Optional.of("Bearer 0123456789abcdefXY"))).isEmpty();
        assertThat(auth.authenticate(Optional.empty())).isEmpty();
        assertThat(auth.authenticate(Optional.of("Basic YWxhbjpwdw=="))).isEmpty();
    }

    @Test
    void badTokenEntriesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> Authenticator.fromConfig(config(
                "tokens = [{ token = \"short\", user = \"x\", role = admin }]"), "127.0.0.1"))
                .hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> Authenticator.fromConfig(config(
                "tokens = [{ token = \"0123456789abcdefXYZ\", user = \"x\", role = superuser }]"), "127.0.0.1"))
                .hasMessageContaining("Unknown role 'superuser'");
    }
}
