package com.example.signin.fx.internal.platform;

import java.nio.file.Path;

/**
 * A test program: {@code TokenStoreProbe DATA_DIR ACCOUNT TOKEN} opens the token store as the app
 * does, saves TOKEN, reads it back through a second store, and prints {@code STORAGE <kind>} and
 * {@code READ <token>}.
 */
public final class TokenStoreProbe {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        TokenStore store = TokenStore.open(dataDir, args[1]);
        store.save(args[2]);
        TokenStore again = TokenStore.open(dataDir, args[1]);
        System.out.println("STORAGE " + again.storage());
        System.out.println("READ " + again.load().orElse("<none>"));
        System.out.flush();
        System.exit(0);
    }
}
