package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.LinkPage;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * Another team's CDK app: a plain {@link Stack} of its own adds {@link MagicLinkBackend} with
 * props off every default it cares about, and the template shows each of them.
 */
class MagicLinkBackendTest {

    static Stack stack;
    static MagicLinkBackend signIn;
    static Template template;
    static Annotations nag;

    @BeforeAll
    static void synthesise() {
        Path lambdaJar = TestStacks.smallJar();
        App app = new App();
        // README: begin
        Stack stack = new Stack(app, "ProductBackend");
        MagicLinkBackend signIn = new MagicLinkBackend(stack, "SignIn", MagicLinkBackendProps.builder()
                .senderAddress("signin@product.example")
                .senderName("Product")
                .scheme("com.example.product")
                .signUpMode("invite-only")
                .allowedEmailDomains(List.of("product.example"))
                .linkExpirySeconds(600)
                .requestCooldownSeconds(120)
                .throttleRateLimit(3)
                .throttleBurstLimit(6)
                .wafEnabled(false)
                .lambdaJar(lambdaJar)           // lambdas.jar of this project's release
                .build());
        signIn.outputAppConfiguration(stack);  // the desktop app's config file, via cdk deploy --outputs-file
        // README: end
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        MagicLinkBackendTest.stack = stack;
        MagicLinkBackendTest.signIn = signIn;
        template = Template.fromStack(stack);
        nag = Annotations.fromStack(stack);
    }

    private static Object resolve(Object token) {
        return stack.resolve(token);
    }

    private static void environmentHas(String handler, Map<String, Object> variables) {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "com.example.signin.lambdas." + handler + "::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(variables)))));
    }

    @Test
    void inviteOnlyModeAndTheDomainsReachTheFunctionsThatAdmitAccounts() {
        Map<String, Object> admission = Map.of("SIGN_UP_MODE", "invite-only", "ALLOWED_EMAIL_DOMAINS", "product.example");
        environmentHas("PreSignUpHandler", admission);
        environmentHas("SignInApiHandler", admission);
        environmentHas("LinkDeliveryHandler", admission);
    }

    @Test
    void linkExpiryCooldownAndSchemeReachTheSignInAndDeliveryFunctions() {
        Map<String, Object> link = Map.of("LINK_EXPIRY_SECONDS", "600", "REQUEST_COOLDOWN_SECONDS", "120",
                "URL_SCHEME", "com.example.product");
        environmentHas("SignInApiHandler", link);
        environmentHas("LinkDeliveryHandler", link);
        environmentHas("LinkDeliveryHandler", Map.of("SENDER_ADDRESS", "signin@product.example", "SENDER_NAME", "Product"));
        template.hasResourceProperties("AWS::SES::EmailIdentity", Match.objectLike(Map.of("EmailIdentity", "signin@product.example")));
    }

    @Test
    void theLinkPageOpensTheHostsScheme() {
        String html = new LinkPage("com.example.product").html();
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of("Integration", Match.objectLike(Map.of(
                "Type", "MOCK", "IntegrationResponses", List.of(Match.objectLike(Map.of(
                        "ResponseTemplates", Map.of("text/html", html, "application/json", html)))))))));
    }

    @Test
    void theStageIsThrottledAtTheGivenLimits() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "MethodSettings", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("HttpMethod", "*", "ResourcePath", "/*", "ThrottlingRateLimit", 3, "ThrottlingBurstLimit", 6)),
                        Match.objectLike(Map.of("HttpMethod", "POST", "ResourcePath", "/~1signin",
                                "ThrottlingRateLimit", 3, "ThrottlingBurstLimit", 6)))))));
    }

    @Test
    void withTheWafOffNoWebAclIsMade() {
        template.resourceCountIs("AWS::WAFv2::WebACL", 0);
        template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
        assertThat(signIn.firewall()).isNull();
        assertThat(signIn.poolFirewall()).isNull();
    }

    @Test
    void theWholeBackendIsThereWithMeBehindTheAuthorizer() {
        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        template.resourceCountIs("AWS::Lambda::Function", 8);
        template.resourceCountIs("AWS::Lambda::Alias", 8);
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "GET", "AuthorizationType", "COGNITO_USER_POOLS",
                "AuthorizationScopes", List.of("aws.cognito.signin.user.admin"))));
        // Its resources live under the construct's id, so the host's own resources and ids are untouched.
        assertThat(template.findResources("AWS::Cognito::UserPool").keySet()).allMatch(id -> id.startsWith("SignIn"));
    }

    @Test
    void theOutputsAreTheDesktopAppsConfigurationUnderTheirPlainKeys() {
        assertThat(template.findOutputs("*").keySet()).containsExactlyInAnyOrderElementsOf(MagicLinkBackend.APP_CONFIGURATION_KEYS);
        assertThat(signIn.appConfiguration().keySet()).containsExactlyElementsOf(MagicLinkBackend.APP_CONFIGURATION_KEYS);
        template.hasOutput("scheme", Match.objectLike(Map.of("Value", "com.example.product")));
        template.hasOutput("clientId", Match.objectLike(Map.of("Value", resolve(signIn.userPool().client().getUserPoolClientId()))));
        template.hasOutput("apiUrl", Match.objectLike(Map.of("Value", resolve(signIn.api().baseUrl()))));
    }

    @Test
    void cdkNagFindsNothingUnsuppressed() {
        List<SynthesisMessage> findings = new java.util.ArrayList<>(nag.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        findings.addAll(nag.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertThat(findings).as(findings.stream().map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    @Test
    void theTemplateHasNoDependencyCycle() {
        assertThat(DependencyCycles.find(template.toJSON())).isEmpty();
    }

    @Test
    void theReadmeShowsExactlyTheLinesThisTestCompiles() throws IOException {
        String source = Files.readString(Path.of("src/test/java/com/example/signin/cdk/MagicLinkBackendTest.java"), StandardCharsets.UTF_8);
        String snippet = source.substring(source.indexOf("// README: begin\n") + "// README: begin\n".length(),
                source.indexOf("// README: end"));
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains(snippet.stripIndent());
    }
}
