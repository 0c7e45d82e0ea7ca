package com.example.signin.fx.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.Session;
import com.example.signin.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TokenStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void theFileStoreKeepsTheTokenInA0600File() throws Exception {
        TokenStore.FileTokenStore store = new TokenStore.FileTokenStore(dataDir.resolve(TokenStore.FILE_NAME));
        assertThat(store.load()).isEmpty();
        store.save("refresh-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
        assertThat(new TokenStore.FileTokenStore(store.file()).load()).contains("refresh-1");
        store.save("refresh-2");
        assertThat(store.load()).contains("refresh-2");
        store.clear();
        assertThat(store.load()).isEmpty();
        assertThat(store.storage()).isEqualTo(Session.TokenStorage.FILE);
    }

    @Test
    void withoutASessionBusTheTokenGoesToTheFile() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DBUS_SESSION_BUS_ADDRESS", "");
        String output = runProbe(List.of(), env, "acct", "token-without-keychain");
        assertThat(output).contains("STORAGE FILE").contains("READ token-without-keychain");
        assertThat(Files.readString(dataDir.resolve(TokenStore.FILE_NAME))).isEqualTo("token-without-keychain");
    }

    @Test
    void withASecretServiceTheTokenGoesToTheKeychainNotTheFile() throws Exception {
        Tools.require("dbus-run-session", "dbus");
        Tools.require("gnome-keyring-daemon", "gnome-keyring");
        Tools.require("secret-tool", "libsecret-tools");
        String probe = String.join(" ", ChildJvm.command(List.of(), TokenStoreProbe.class,
                List.of(dataDir.toString(), "acct-1", "token-in-keychain")).stream().map(TokenStoreTest::quote).toList());
        String script = "echo -n pw | gnome-keyring-daemon --unlock --components=secrets > /dev/null; "
                + probe + "; echo SECRET-TOOL $(secret-tool lookup service " + TokenStore.KEYCHAIN_SERVICE + " account acct-1)";
        String output = run(List.of("dbus-run-session", "--", "bash", "-c", script), Map.of());
        assertThat(output).contains("STORAGE KEYCHAIN").contains("READ token-in-keychain").contains("SECRET-TOOL token-in-keychain");
        assertThat(dataDir.resolve(TokenStore.FILE_NAME)).doesNotExist();
    }

    private String runProbe(List<String> jvmOptions, Map<String, String> env, String account, String token) throws Exception {
        return run(ChildJvm.command(jvmOptions, TokenStoreProbe.class, List.of(dataDir.toString(), account, token)), env);
    }

    private String run(List<String> command, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(dataDir.getParent(), "probe", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().putAll(env);
        env.forEach((k, v) -> {
            if (v.isEmpty()) {
                builder.environment().remove(k);
            }
        });
        Process process = builder.start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the probe finished").isTrue();
        String output = Files.readString(out);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
