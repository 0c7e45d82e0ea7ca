package com.example.signin.fx.internal.config;

import com.example.signin.fx.ConfigException;
import com.example.signin.fx.MagicLinkConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigReaderTest {

    static final String CDK_OUTPUTS = """
            {
              "MagicLinkSignIn": {
                "region": "eu-west-1",
                "userPoolId": "eu-west-1_AbC123xyz",
                "clientId": "4tq7example0client1id2",
                "apiUrl": "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/",
                "linkBase": "https://abc123.execute-api.eu-west-1.amazonaws.com/prod",
                "issuer": "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz",
                "scheme": "com.example.signin"
              }
            }
            """;

    final ClientConfigReader reader = new ClientConfigReader();

    @Test
    void readsTheFileCdkDeployWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("outputs.json");
        Files.writeString(file, CDK_OUTPUTS);
        MagicLinkConfig config = reader.read(file);
        assertThat(config.region()).isEqualTo("eu-west-1");
        assertThat(config.apiUrl()).isEqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
        assertThat(config.jwksUrl()).isEqualTo("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123xyz/.well-known/jwks.json");
        assertThat(config.isLocal()).isFalse();
    }

    @Test
    void readsTheLocalBackendsEndpointsFile() throws Exception {
        MagicLinkConfig config = reader.parse("""
                {"region":"us-east-1","userPoolId":"local_Pool1","clientId":"localclient1",
                 "cognitoEndpoint":"http://127.0.0.1:4000","apiUrl":"http://127.0.0.1:4000/api",
                 "linkBase":"http://127.0.0.1:4000/link","mailboxUrl":"http://127.0.0.1:4000/mailbox",
                 "issuer":"http://127.0.0.1:4000/local_Pool1","jwksUrl":"http://127.0.0.1:4000/local_Pool1/.well-known/jwks.json",
                 "scheme":"com.example.signin"}
                """, "endpoints.json");
        assertThat(config.isLocal()).isTrue();
        assertThat(config.mailboxUrl()).contains("http://127.0.0.1:4000/mailbox");
    }

    @Test
    void aLocalBackendOnIpv6LoopbackIsAcceptedByTheSameRuleAsTheLinkFormat() throws Exception {
        MagicLinkConfig config = reader.parse("""
                {"region":"us-east-1","userPoolId":"local_Pool1","clientId":"localclient1",
                 "cognitoEndpoint":"http://[::1]:4000","apiUrl":"http://[::1]:4000/api",
                 "linkBase":"http://[::1]:4000/link","issuer":"http://[::1]:4000/local_Pool1",
                 "scheme":"com.example.signin"}
                """, "endpoints.json");
        assertThat(config.apiUrl()).isEqualTo("http://[::1]:4000/api");
        assertThatThrownBy(() -> reader.parse("""
                {"region":"us-east-1","userPoolId":"local_Pool1","clientId":"localclient1",
                 "cognitoEndpoint":"http://[::1]:4000","apiUrl":"http://192.168.1.5:4000/api",
                 "linkBase":"http://[::1]:4000/link","issuer":"http://[::1]:4000/local_Pool1",
                 "scheme":"com.example.signin"}
                """, "endpoints.json")).isInstanceOf(ConfigException.class).hasMessageContaining("apiUrl");
    }

    @Test
    void namesEveryMissingKey() {
        assertThatThrownBy(() -> reader.parse("{\"S\":{\"userPoolId\":\"eu-west-1_X\"}}", "out.json"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("out.json")
                .hasMessageContaining("region, clientId, apiUrl, linkBase, issuer, scheme");
    }

    @Test
    void refusesPlainHttpForAws() {
        String http = CDK_OUTPUTS.replace("https://abc123", "http://abc123");
        assertThatThrownBy(() -> reader.parse(http, "out.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("https");
    }

    @Test
    void saysWhereTheJsonIsBroken() {
        assertThatThrownBy(() -> reader.parse("{\n\"a\": ", "out.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid JSON").hasMessageContaining("line");
    }

    @Test
    void refusesSeveralStacksAndAMissingFile(@TempDir Path dir) {
        String two = "{\"A\":" + CDK_OUTPUTS.substring(CDK_OUTPUTS.indexOf('{', 1), CDK_OUTPUTS.lastIndexOf('}'))
                + ",\"B\":" + CDK_OUTPUTS.substring(CDK_OUTPUTS.indexOf('{', 1), CDK_OUTPUTS.lastIndexOf('}')) + "}";
        assertThatThrownBy(() -> reader.parse(two, "out.json")).hasMessageContaining("several stacks");
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.json"))).hasMessageContaining("does not exist");
    }

    @Test
    void refusesABadScheme() {
        assertThatThrownBy(() -> reader.parse(CDK_OUTPUTS.replace("com.example.signin", "signin"), "out.json"))
                .hasMessageContaining("reverse-DNS");
    }
}
