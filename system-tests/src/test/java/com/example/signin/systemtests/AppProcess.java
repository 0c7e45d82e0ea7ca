package com.example.signin.systemtests;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The desktop app's sign-in side in a JVM of its own, for the test that kills it: asks for a link
 * with the real client and data folder, says so on stdout, then waits to be killed.
 * {@code AppProcess CONFIG_FILE DATA_DIR EMAIL}.
 */
public final class AppProcess {

    static final String REQUESTED = "link requested";

    private AppProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        Path dataDir = Path.of(args[1]);
        CognitoSignInClient client = new CognitoSignInClient(
                CompletableFuture.completedFuture(new ClientConfigReader().read(config)), new PendingSignInStore(dataDir),
                () -> new TokenStore.FileTokenStore(dataDir.resolve(TokenStore.FILE_NAME)), Clock.systemUTC(), Locale.ENGLISH);
        client.requestLink(args[2]);
        System.out.println(REQUESTED);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
