package com.example.signin.fx.internal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolTokenStoreTest {

    private static final String ISSUER_A = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_A";
    private static final String ISSUER_B = "http://127.0.0.1:8080/local_B";

    @TempDir
    Path dataDir;

    @Test
    void eachPoolAndClientSeesOnlyItsOwnToken() throws Exception {
        TokenStore entry = new TokenStore.FileTokenStore(dataDir.resolve(TokenStore.FILE_NAME));
        PoolTokenStore a = new PoolTokenStore(entry, ISSUER_A, "client1");
        PoolTokenStore b = new PoolTokenStore(entry, ISSUER_B, "client1");
        PoolTokenStore otherClient = new PoolTokenStore(entry, ISSUER_A, "client2");

        a.save("token-a");
        b.save("token-b");

        assertThat(a.load()).contains("token-a");
        assertThat(b.load()).contains("token-b");
        assertThat(otherClient.load()).isEmpty();

        a.save("token-a2");
        a.clear();
        assertThat(a.load()).isEmpty();
        assertThat(b.load()).contains("token-b");
        b.clear();
        assertThat(entry.load()).as("the entry goes when its last token goes").isEmpty();
    }

    @Test
    void aBareTokenFromAnOlderVersionBelongsToNoPoolAndIsReplacedOnTheNextSave() throws Exception {
        TokenStore entry = new TokenStore.FileTokenStore(dataDir.resolve(TokenStore.FILE_NAME));
        entry.save("bare-token");
        PoolTokenStore a = new PoolTokenStore(entry, ISSUER_A, "client1");

        assertThat(a.load()).isEmpty();
        a.save("token-a");
        assertThat(entry.load().orElseThrow()).doesNotContain("bare-token");
        assertThat(a.load()).contains("token-a");
    }
}
