package com.example.signin.cdk;

import com.example.signin.protocol.ClientConfigKeys;
import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.constructs.Construct;

/**
 * The whole AWS backend of the magic-link sign-in, as one construct any Java CDK app adds to a
 * stack of its own: the user pool with its five triggers and its app client, the sign-in API
 * ({@code POST /signin}, the link page at {@code GET /open}, {@code GET /me} behind a Cognito
 * authorizer), the link table, the queue of link requests with its delivery function, the sender
 * identity, the deployment secret and (optionally) WAF rate limits on the API and the pool.
 *
 * <pre>{@code
 * MagicLinkBackend signIn = new MagicLinkBackend(stack, "SignIn", MagicLinkBackendProps.builder()
 *         .senderAddress("signin@example.com")
 *         .scheme("com.example.myapp")
 *         .build());
 * signIn.outputAppConfiguration(stack);   // cdk deploy --outputs-file out.json writes the app's config
 * }</pre>
 *
 * <p>Every value of the props is checked by {@code protocol}'s one settings catalog when the props
 * are built ({@link IllegalArgumentException} naming the property); a missing Lambda jar fails the
 * constructor with {@link IllegalStateException} saying what to build. cdk-nag's AwsSolutions
 * checks pass on it: the findings it answers by design carry their reasons as metadata.
 */
public final class MagicLinkBackend extends Construct {

    /**
     * The keys of the desktop app's configuration, in order ({@link ClientConfigKeys#REQUIRED});
     * {@link #outputAppConfiguration} makes one stack output of each.
     */
    public static final List<String> APP_CONFIGURATION_KEYS = ClientConfigKeys.REQUIRED;
    public static final String STAGE_NAME = "prod";

    private final SignInUserPool userPool;
    private final SignInRestApi api;
    private final LinkTable linkTable;
    private final Secret deploymentSecret;
    private final LinkQueue linkQueue;
    private final EmailIdentity sender;
    private final Map<String, JavaFunction> functions = new LinkedHashMap<>();
    private final Map<String, Policy> accessPolicies = new LinkedHashMap<>();
    private final RateLimitFirewall firewall;
    private final RateLimitFirewall poolFirewall;

    private final Map<String, String> appConfiguration = new LinkedHashMap<>();
    private final Map<String, String> appConfigurationDescriptions = new LinkedHashMap<>();

    /**
     * @throws IllegalStateException when the Lambda jar ({@link MagicLinkBackendProps#lambdaJar()}) does not exist
     */
    public MagicLinkBackend(Construct scope, String id, MagicLinkBackendProps settings) {
        super(scope, id);
        Path jar = LambdaJar.locate(settings.lambdaJar(), Path.of(""));

        linkTable = new LinkTable(this, "LinkTable");
        // Generated once when the stack is created and kept across updates: a new secret would orphan every outstanding
        // link and reset every cooldown. The functions read it from Secrets Manager at start (DEPLOYMENT_SECRET_ARN);
        // its value never appears in the template or in an environment variable.
        deploymentSecret = Secret.Builder.create(this, "DeploymentSecret")
                .description("Root of the keys of the link table's keyed hashes (addresses, devices, secrets)")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(48)
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .build())
                .build();
        linkQueue = new LinkQueue(this, "LinkQueue");
        sender = EmailIdentity.Builder.create(this, "Sender").identity(Identity.email(settings.senderAddress())).build();
        List<String> sendIdentities = new java.util.ArrayList<>(List.of(sender.getEmailIdentityArn()));
        for (int i = 0; i < settings.sandboxRecipients().size(); i++) {
            sendIdentities.add(EmailIdentity.Builder.create(this, "SandboxRecipient" + (i + 1))
                    .identity(Identity.email(settings.sandboxRecipients().get(i))).build().getEmailIdentityArn());
        }

        JavaFunction preSignUp = function("PreSignUp", "PreSignUpHandler", "Admits or refuses a new account (sign-up mode, domains)",
                settings, jar, settings.functionEnvironment(Setting.SIGN_UP_MODE, Setting.ALLOWED_EMAIL_DOMAINS));
        JavaFunction define = function("DefineAuthChallenge", "DefineAuthChallengeHandler",
                "Drives CUSTOM_AUTH: one custom challenge, tokens after one correct answer", settings, jar, Map.of());
        JavaFunction create = function("CreateAuthChallenge", "CreateAuthChallengeHandler",
                "Issues the custom challenge (no secret in its public parameters)", settings, jar, Map.of());
        JavaFunction verify = function("VerifyAuthChallenge", "VerifyAuthChallengeHandler",
                "Checks a link's secret and verifier and uses the link up", settings, jar, with(
                        settings.functionEnvironment(Setting.MAX_FAILED_ATTEMPTS),
                        Map.of("LINK_TABLE", linkTable.table().getTableName(), "DEPLOYMENT_SECRET_ARN", deploymentSecret.getSecretArn())));
        JavaFunction postAuth = function("PostAuthentication", "PostAuthenticationHandler",
                "Marks the address verified after the first sign-in", settings, jar, Map.of());

        userPool = new SignInUserPool(this, "UserPool", SignInUserPoolProps.builder()
                .preSignUp(preSignUp.alias())
                .defineAuthChallenge(define.alias())
                .createAuthChallenge(create.alias())
                .verifyAuthChallengeResponse(verify.alias())
                .postAuthentication(postAuth.alias())
                .idTokenMinutes(settings.idTokenMinutes())
                .accessTokenMinutes(settings.accessTokenMinutes())
                .refreshTokenDays(settings.refreshTokenDays())
                .build());
        String poolArn = userPool.userPool().getUserPoolArn();

        // Both read the same settings (MagicLinkSettings); only the worker sends mail and touches the pool.
        Setting[] linkSettings = {Setting.LINK_EXPIRY_SECONDS, Setting.REQUEST_COOLDOWN_SECONDS, Setting.LINKS_PER_ADDRESS_PER_HOUR,
                Setting.PENDING_LINKS_PER_ADDRESS, Setting.SCHEME, Setting.LINK_STYLE, Setting.ALLOWED_EMAIL_DOMAINS,
                Setting.SIGN_UP_MODE};
        Map<String, String> wiring = Map.of("LINK_TABLE", linkTable.table().getTableName(),
                "USER_POOL_ID", userPool.userPool().getUserPoolId(),
                "DEPLOYMENT_SECRET_ARN", deploymentSecret.getSecretArn());
        Map<String, String> signInWiring = new LinkedHashMap<>(wiring);
        signInWiring.put("LINK_QUEUE_URL", linkQueue.queue().getQueueUrl());
        JavaFunction signIn = function("SignInFunction", "SignInApiHandler",
                "POST /signin: checks, cooldown and budget, queues the link", settings, jar,
                with(settings.functionEnvironment(linkSettings), signInWiring));
        Map<String, String> deliveryWiring = new LinkedHashMap<>(wiring);
        deliveryWiring.put("MAIL_TRANSPORT", "ses");
        List<Setting> deliverySettings = new java.util.ArrayList<>(List.of(linkSettings));
        deliverySettings.addAll(List.of(Setting.SENDER_ADDRESS, Setting.SENDER_NAME));
        JavaFunction delivery = function("LinkDelivery", "LinkDeliveryHandler",
                "Delivers queued link requests: account, record, mail (at most one mail per message)", settings, jar,
                with(settings.functionEnvironment(deliverySettings.toArray(Setting[]::new)), deliveryWiring));
        linkQueue.deliverTo(delivery.alias());
        // Needs no grant: GetUser is authorised by the caller's access token, not by IAM.
        JavaFunction me = function("Me", "MeHandler", "GET /me: email and sub of an access token's account (Cognito GetUser)",
                settings, jar, Map.of("USER_POOL_CLIENT_ID", userPool.client().getUserPoolClientId()));

        api = new SignInRestApi(this, "SignInApi", SignInRestApiProps.builder()
                .signInFunction(signIn.alias())
                .meFunction(me.alias())
                .userPool(userPool.userPool())
                .linkPage(new LinkPage(settings.scheme()))
                .stageName(STAGE_NAME)
                .throttleRateLimit(settings.throttleRateLimit())
                .throttleBurstLimit(settings.throttleBurstLimit())
                .logRetentionDays(settings.logRetentionDays())
                .build());
        String linkBase = settings.linkBase().orElse(api.baseUrl());
        // Added after the API exists; the version hash is computed at synthesis, so it still covers this variable.
        signIn.function().addEnvironment("LINK_BASE", linkBase);
        delivery.function().addEnvironment("LINK_BASE", linkBase);

        // Separate policies, not the roles' default policies: a function depends on its role (and every child of it),
        // so a pool-ARN statement there would close the cycle pool -> trigger -> role policy -> pool.
        String readSecret = "secretsmanager:GetSecretValue";
        // The request path writes cooldown and budget items and queues; it reads nothing, so it cannot tell accounts apart.
        access("SignInAccess", signIn, List.of(
                statement(List.of("dynamodb:PutItem", "dynamodb:UpdateItem"), linkTable.table().getTableArn()),
                statement(List.of("sqs:SendMessage"), linkQueue.queue().getQueueArn()),
                statement(List.of(readSecret), deploymentSecret.getSecretArn())));
        access("LinkDeliveryAccess", delivery, List.of(
                statement(List.of("dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"), linkTable.table().getTableArn()),
                statement(List.of("cognito-idp:ListUsers", "cognito-idp:AdminCreateUser", "cognito-idp:AdminSetUserPassword"), poolArn),
                statement(List.of("ses:SendEmail"), sendIdentities),
                statement(List.of(readSecret), deploymentSecret.getSecretArn())));
        access("VerifyAuthChallengeAccess", verify, List.of(
                statement(List.of("dynamodb:Query", "dynamodb:UpdateItem"), linkTable.table().getTableArn()),
                statement(List.of(readSecret), deploymentSecret.getSecretArn())));
        access("PostAuthenticationAccess", postAuth, List.of(
                statement(List.of("cognito-idp:AdminUpdateUserAttributes"), poolArn)));

        firewall = settings.wafEnabled()
                ? new RateLimitFirewall(this, "Firewall", RateLimitFirewallProps.builder()
                        .resourceArn(api.stageArn())
                        .requestsPer5Minutes(settings.wafRequestsPer5Minutes())
                        .build())
                : null;
        // The user pool's own API (InitiateAuth, RespondToAuthChallenge) is public too: the same per-IP limit.
        poolFirewall = settings.wafEnabled()
                ? new RateLimitFirewall(this, "UserPoolFirewall", RateLimitFirewallProps.builder()
                        .resourceArn(poolArn)
                        .guarded(RateLimitFirewallProps.Guarded.USER_POOL)
                        .requestsPer5Minutes(settings.wafRequestsPer5Minutes())
                        .build())
                : null;

        configuration(ClientConfigKeys.REGION, Aws.REGION, "AWS region of the user pool and the API");
        configuration(ClientConfigKeys.USER_POOL_ID, userPool.userPool().getUserPoolId(), "User pool of the desktop app");
        configuration(ClientConfigKeys.CLIENT_ID, userPool.client().getUserPoolClientId(), "Public app client (CUSTOM_AUTH and refresh only)");
        configuration(ClientConfigKeys.API_URL, api.baseUrl(), "Base URL of the sign-in API (POST {apiUrl}/signin, GET {apiUrl}/me)");
        configuration(ClientConfigKeys.LINK_BASE, linkBase, "Base of the link page ({linkBase}/open#secret)");
        configuration(ClientConfigKeys.ISSUER, Fn.join("", List.of("https://", userPool.userPool().getUserPoolProviderUrl())), "Issuer of the ID tokens");
        configuration(ClientConfigKeys.SCHEME, settings.scheme(), "URL scheme the desktop app registers");

        suppressKnownFindings(settings);
    }

    private JavaFunction function(String id, String handlerClass, String description, MagicLinkBackendProps settings, Path jar,
                                  Map<String, String> environment) {
        JavaFunction fn = new JavaFunction(this, id, JavaFunctionProps.builder()
                .handlerClass(handlerClass)
                .description(description)
                .jar(jar)
                .environment(environment)
                .memoryMb(settings.memoryMb())
                .logRetentionDays(settings.logRetentionDays())
                .build());
        functions.put(handlerClass, fn);
        return fn;
    }

    /** The settings' variables followed by the stack's own wiring variables. */
    private static Map<String, String> with(Map<String, String> settings, Map<String, String> wiring) {
        Map<String, String> env = new LinkedHashMap<>(settings);
        new java.util.TreeMap<>(wiring).forEach(env::put);
        return env;
    }

    private void access(String id, JavaFunction fn, List<PolicyStatement> statements) {
        accessPolicies.put(id, Policy.Builder.create(this, id).statements(statements).roles(List.of(fn.role())).build());
    }

    private static PolicyStatement statement(List<String> actions, String resource) {
        return statement(actions, List.of(resource));
    }

    private static PolicyStatement statement(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    private void configuration(String key, String value, String description) {
        appConfiguration.put(key, value);
        appConfigurationDescriptions.put(key, description);
    }

    /**
     * The desktop app's configuration ({@link #APP_CONFIGURATION_KEYS} in order), as tokens that
     * resolve at deploy time.
     */
    public Map<String, String> appConfiguration() {
        return java.util.Collections.unmodifiableMap(appConfiguration);
    }

    /**
     * Adds one {@code CfnOutput} per configuration key to {@code stack}, with the key as its id,
     * so {@code cdk deploy --outputs-file out.json} writes {@code {"StackName": {...}}}, the file
     * the app reads with {@code --config}. Call it once per stack.
     */
    public void outputAppConfiguration(Stack stack) {
        appConfiguration.forEach((key, value) -> CfnOutput.Builder.create(stack, key).value(value)
                .description(appConfigurationDescriptions.get(key)).build());
    }

    private void suppressKnownFindings(MagicLinkBackendProps settings) {
        Construct pool = userPool.userPool();
        NagSuppressionMetadata.add(pool, "AwsSolutions-COG2", "Passwordless by design: the magic link proves the mailbox and the code "
                + "verifier that never leaves the requesting device binds the link to it; a second factor is out of scope.");
        NagSuppressionMetadata.add(pool, "AwsSolutions-COG3", "Threat protection needs the Plus feature plan (cost per user); with no "
                + "password there is no credential stuffing to detect, and link requests are rate limited per address and per IP.");
        for (JavaFunction fn : functions.values()) {
            NagSuppressionMetadata.add(fn, "AwsSolutions-L1", "DESIGN.md fixes the java21 runtime (SnapStart with priming, tested "
                    + "there); moving to java25 is a deliberate upgrade with its own tests.");
        }
        // Only the two public methods: GET /me has its Cognito authorizer and is checked like any other method.
        for (Construct method : List.of(api.signInMethod(), api.openMethod())) {
            NagSuppressionMetadata.add(method, "AwsSolutions-APIG4", "Public by design: POST /signin is how a signed-out person asks "
                    + "for a link and GET /open is the page the link opens; both are throttled, and /signin is validated and rate limited.");
            NagSuppressionMetadata.add(method, "AwsSolutions-COG4", "Public by design: nobody calling POST /signin or GET /open has a "
                    + "token yet, so a Cognito authorizer cannot apply.");
        }
        NagSuppressionMetadata.add(api.api(), "AwsSolutions-APIG2", "POST /signin has no gateway request validator on purpose: the "
                + "function validates every body itself, so AWS and the local backend answer alike (docs/CONTRACTS.md).");
        NagSuppressionMetadata.add(api.api(), "AwsSolutions-APIG6", "The stage writes a JSON access log for every request; execution "
                + "logging needs the region-wide API Gateway CloudWatch role, an account singleton this stack should not own.");
        if (!settings.wafEnabled()) {
            NagSuppressionMetadata.add(api.api(), "AwsSolutions-APIG3", "The deployer turned the WAF off (waf=false); the stage "
                    + "throttle and the per-address cooldown still limit requests.");
        }
        NagSuppressionMetadata.add(deploymentSecret, "AwsSolutions-SMG4", "The deployment secret is a pepper, not a credential: rotating "
                + "it would orphan every outstanding link and reset every cooldown and budget, with nothing gained.");
    }

    public SignInUserPool userPool() {
        return userPool;
    }

    public SignInRestApi api() {
        return api;
    }

    public LinkTable linkTable() {
        return linkTable;
    }

    public Secret deploymentSecret() {
        return deploymentSecret;
    }

    public LinkQueue linkQueue() {
        return linkQueue;
    }

    public EmailIdentity sender() {
        return sender;
    }

    /** The functions by handler class name (CONTRACTS.md). */
    public Map<String, JavaFunction> functions() {
        return Map.copyOf(functions);
    }

    /** The data-access policies by construct id. */
    public Map<String, Policy> accessPolicies() {
        return Map.copyOf(accessPolicies);
    }

    /** The sign-in API's WAF, or null when turned off. */
    public RateLimitFirewall firewall() {
        return firewall;
    }

    /** The user pool's WAF, or null when turned off. */
    public RateLimitFirewall poolFirewall() {
        return poolFirewall;
    }
}
