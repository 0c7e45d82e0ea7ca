package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.MagicLinkConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/**
 * What {@code cdk deploy --outputs-file out.json} would write, made from the template's Outputs
 * by resolving each intrinsic the way CloudFormation does, with sample values for what only a
 * deployment knows (region, ids). The desktop app must accept the file as its {@code --config}.
 */
class OutputsConfigTest {

    static final String REGION = "eu-west-1";
    static final String POOL_ID = "eu-west-1_AbC123dEf";
    static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
    static final String API_ID = "a1b2c3d4e5";

    static Template template;

    @BeforeAll
    static void synthesise() {
        template = Template.fromStack(TestStacks.stack(TestStacks.settings().scheme("com.example.signin").build()));
    }

    @Test
    void deployOutputsAreAConfigurationTheDesktopAppReads(@TempDir Path dir) throws Exception {
        Map<String, Object> outputs = new LinkedHashMap<>();
        template.findOutputs("*").forEach((key, output) -> outputs.put(key, new Resolver(template).resolve(output.get("Value"))));
        Path file = dir.resolve("out.json");
        Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(Map.of(SignInApp.STACK_NAME, outputs)));

        MagicLinkConfig config = MagicLinkConfig.read(file);

        assertThat(config.region()).isEqualTo(REGION);
        assertThat(config.userPoolId()).isEqualTo(POOL_ID);
        assertThat(config.clientId()).isEqualTo(CLIENT_ID);
        assertThat(config.apiUrl()).isEqualTo("https://" + API_ID + ".execute-api." + REGION + ".amazonaws.com/prod");
        assertThat(config.linkBase()).isEqualTo(config.apiUrl());
        assertThat(config.issuer()).isEqualTo("https://cognito-idp." + REGION + ".amazonaws.com/" + POOL_ID);
        assertThat(config.jwksUrl()).isEqualTo("https://cognito-idp." + REGION + ".amazonaws.com/" + POOL_ID + "/.well-known/jwks.json");
        assertThat(config.scheme()).isEqualTo("com.example.signin");
        assertThat(config.isLocal()).isFalse();
    }

    /** The few intrinsics the outputs use; anything else fails the test rather than guessing. */
    private static final class Resolver {
        private final Map<String, String> refs = new LinkedHashMap<>();

        Resolver(Template template) {
            refs.put("AWS::Region", REGION);
            refs.put("AWS::URLSuffix", "amazonaws.com");
            refs.put("AWS::Partition", "aws");
            template.findResources("AWS::Cognito::UserPool").keySet().forEach(id -> refs.put(id, POOL_ID));
            template.findResources("AWS::Cognito::UserPoolClient").keySet().forEach(id -> refs.put(id, CLIENT_ID));
            template.findResources("AWS::ApiGateway::RestApi").keySet().forEach(id -> refs.put(id, API_ID));
            template.findResources("AWS::Cognito::UserPool").keySet()
                    .forEach(id -> refs.put(id + ".ProviderURL", "cognito-idp." + REGION + ".amazonaws.com/" + POOL_ID));
        }

        String resolve(Object value) {
            if (value instanceof String s) {
                return s;
            }
            if (value instanceof Map<?, ?> map && map.size() == 1) {
                Map.Entry<?, ?> e = map.entrySet().iterator().next();
                switch (String.valueOf(e.getKey())) {
                    case "Ref" -> {
                        return known(String.valueOf(e.getValue()));
                    }
                    case "Fn::GetAtt" -> {
                        List<?> parts = (List<?>) e.getValue();
                        return known(parts.get(0) + "." + parts.get(1));
                    }
                    case "Fn::Join" -> {
                        List<?> args = (List<?>) e.getValue();
                        StringBuilder joined = new StringBuilder();
                        List<?> items = (List<?>) args.get(1);
                        for (int i = 0; i < items.size(); i++) {
                            joined.append(i == 0 ? "" : args.get(0)).append(resolve(items.get(i)));
                        }
                        return joined.toString();
                    }
                    default -> {
                    }
                }
            }
            throw new AssertionError("An output uses an intrinsic this test cannot resolve: " + value);
        }

        private String known(String name) {
            String v = refs.get(name);
            if (v == null) {
                throw new AssertionError("An output refers to " + name + ", which a deployment would not give the app");
            }
            return v;
        }
    }
}
