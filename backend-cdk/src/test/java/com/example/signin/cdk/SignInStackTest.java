package com.example.signin.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.MeApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesised template, with every setting away from its default so that each one is seen to arrive. */
class SignInStackTest {

    static final List<String> HANDLERS = List.of("PreSignUpHandler", "DefineAuthChallengeHandler", "CreateAuthChallengeHandler",
            "VerifyAuthChallengeHandler", "PostAuthenticationHandler", "SignInApiHandler", "LinkDeliveryHandler", "MeHandler");

    static SignInStack stack;
    static Template template;

    @BeforeAll
    static void synthesise() {
        stack = TestStacks.stack(TestStacks.settings()
                .senderName("Example Sign-in")
                .scheme("com.example.signin.test")
                .linkStyle("direct")
                .memoryMb(512)
                .logRetentionDays(14)
                .linkExpirySeconds(600)
                .requestCooldownSeconds(30)
                .maxFailedAttempts(5)
                .signUpMode("invite-only")
                .allowedEmailDomains(List.of("example.com", "example.org"))
                .throttleRateLimit(5)
                .throttleBurstLimit(10)
                .wafRequestsPer5Minutes(200)
                .idTokenMinutes(30)
                .accessTokenMinutes(15)
                .refreshTokenDays(7)
                .build());
        template = Template.fromStack(stack);
    }

    private static Object resolve(Object token) {
        return stack.resolve(token);
    }

    private static JavaFunction fn(String handler) {
        return stack.backend().functions().get(handler);
    }

    @Test
    void everyFunctionRunsJava21OnArm64WithSnapStartAndTheConfiguredMemory() {
        template.resourceCountIs("AWS::Lambda::Function", 8);
        for (String handler : HANDLERS) {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "com.example.signin.lambdas." + handler + "::handleRequest",
                    "Runtime", "java21",
                    "Architectures", List.of("arm64"),
                    "MemorySize", 512,
                    "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                    "Role", resolve(fn(handler).role().getRoleArn()),
                    "LoggingConfig", Map.of("LogGroup", resolve(fn(handler).logGroup().getLogGroupName())))));
        }
    }

    @Test
    void eachFunctionGetsExactlyTheEnvironmentOfTheContract() {
        Object table = resolve(stack.backend().linkTable().table().getTableName());
        Object secret = resolve(stack.backend().deploymentSecret().getSecretArn());
        environmentIs("PreSignUpHandler", Map.of("SIGN_UP_MODE", "invite-only", "ALLOWED_EMAIL_DOMAINS", "example.com,example.org"));
        environmentIs("DefineAuthChallengeHandler", null);
        environmentIs("CreateAuthChallengeHandler", null);
        environmentIs("PostAuthenticationHandler", null);
        environmentIs("MeHandler", Map.of("USER_POOL_CLIENT_ID", resolve(stack.backend().userPool().client().getUserPoolClientId())));
        environmentIs("VerifyAuthChallengeHandler", Map.of("LINK_TABLE", table, "DEPLOYMENT_SECRET_ARN", secret, "MAX_FAILED_ATTEMPTS", "5"));
        Map<String, Object> signIn = new LinkedHashMap<>();
        signIn.put("LINK_TABLE", table);
        signIn.put("USER_POOL_ID", resolve(stack.backend().userPool().userPool().getUserPoolId()));
        signIn.put("DEPLOYMENT_SECRET_ARN", secret);
        signIn.put("LINK_EXPIRY_SECONDS", "600");
        signIn.put("REQUEST_COOLDOWN_SECONDS", "30");
        signIn.put("LINKS_PER_ADDRESS_PER_HOUR", "10");
        signIn.put("PENDING_LINKS_PER_ADDRESS", "5");
        signIn.put("URL_SCHEME", "com.example.signin.test");
        signIn.put("LINK_BASE", resolve(stack.backend().api().baseUrl()));
        signIn.put("LINK_STYLE", "direct");
        signIn.put("ALLOWED_EMAIL_DOMAINS", "example.com,example.org");
        signIn.put("SIGN_UP_MODE", "invite-only");
        Map<String, Object> delivery = new LinkedHashMap<>(signIn);
        signIn.put("LINK_QUEUE_URL", resolve(stack.backend().linkQueue().queue().getQueueUrl()));
        environmentIs("SignInApiHandler", signIn);
        delivery.put("SENDER_ADDRESS", TestStacks.SENDER);
        delivery.put("SENDER_NAME", "Example Sign-in");
        delivery.put("MAIL_TRANSPORT", "ses");
        environmentIs("LinkDeliveryHandler", delivery);
        // The secret itself is in no environment: only its ARN, read from Secrets Manager at start.
        assertThat(template.toJSON().toString()).doesNotContain("EMAIL_HASH_SALT");
    }

    private static void environmentIs(String handler, Map<String, Object> variables) {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "com.example.signin.lambdas." + handler + "::handleRequest",
                "Environment", variables == null ? Match.absent() : Map.of("Variables", Match.objectEquals(variables)))));
    }

    @Test
    void theDeploymentSecretIsGeneratedPerDeploymentAndOnlyItsReadersMayReadIt() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectEquals(Map.of("PasswordLength", 48, "ExcludePunctuation", true, "IncludeSpace", false)))));
        Map<String, Object> read = statement("secretsmanager:GetSecretValue", resolve(stack.backend().deploymentSecret().getSecretArn()));
        for (String reader : List.of("SignInApiHandler", "LinkDeliveryHandler", "VerifyAuthChallengeHandler")) {
            template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                    "Roles", List.of(resolve(fn(reader).role().getRoleName())),
                    "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(read))))))));
        }
        assertThat(template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectEquals(read))))))))))).hasSize(3);
    }

    @Test
    void everyFunctionHasALiveAliasOfItsPublishedCurrentVersion() {
        template.resourceCountIs("AWS::Lambda::Version", 8);
        template.resourceCountIs("AWS::Lambda::Alias", 8);
        for (String handler : HANDLERS) {
            JavaFunction f = fn(handler);
            template.hasResourceProperties("AWS::Lambda::Version", Match.objectLike(Map.of("FunctionName", resolve(f.function().getFunctionName()))));
            template.hasResourceProperties("AWS::Lambda::Alias", Match.objectEquals(Map.of(
                    "Name", "live",
                    "FunctionName", resolve(f.function().getFunctionName()),
                    "FunctionVersion", resolve(f.function().getCurrentVersion().getVersion()),
                    "Description", Match.anyValue())));
        }
    }

    @Test
    void cognitoInvokesEveryTriggerThroughItsAliasNeverLatest() {
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of("LambdaConfig", Match.objectEquals(Map.of(
                "PreSignUp", resolve(fn("PreSignUpHandler").alias().getFunctionArn()),
                "DefineAuthChallenge", resolve(fn("DefineAuthChallengeHandler").alias().getFunctionArn()),
                "CreateAuthChallenge", resolve(fn("CreateAuthChallengeHandler").alias().getFunctionArn()),
                "VerifyAuthChallengeResponse", resolve(fn("VerifyAuthChallengeHandler").alias().getFunctionArn()),
                "PostAuthentication", resolve(fn("PostAuthenticationHandler").alias().getFunctionArn()))))));
        Object poolArn = resolve(stack.backend().userPool().userPool().getUserPoolArn());
        for (String handler : HANDLERS.subList(0, 5)) {
            template.hasResourceProperties("AWS::Lambda::Permission", Match.objectEquals(Map.of(
                    "Action", "lambda:InvokeFunction",
                    "FunctionName", resolve(fn(handler).alias().getFunctionArn()),
                    "Principal", "cognito-idp.amazonaws.com",
                    "SourceArn", poolArn)));
        }
        // Five for Cognito, one for each API Gateway method with a function; none names a function itself ($LATEST).
        template.resourceCountIs("AWS::Lambda::Permission", 7);
        for (String handler : HANDLERS) {
            assertThat(template.findResources("AWS::Lambda::Permission", Match.objectLike(Map.of("Properties",
                    Match.objectLike(Map.of("FunctionName", resolve(fn(handler).function().getFunctionArn()))))))).isEmpty();
        }
    }

    @Test
    void userPoolUsesTheAddressAsUsernameAndNobodySignsThemselvesUp() {
        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                "UsernameAttributes", List.of("email"),
                "UsernameConfiguration", Map.of("CaseSensitive", false),
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
                "AutoVerifiedAttributes", List.of(),
                "MfaConfiguration", "OFF",
                "Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of("MinimumLength", 16, "RequireLowercase", true,
                        "RequireUppercase", true, "RequireNumbers", true, "RequireSymbols", true))),
                "UserPoolTier", "ESSENTIALS",
                "AccountRecoverySetting", Map.of("RecoveryMechanisms", List.of(Map.of("Name", "admin_only", "Priority", 1))))));
        template.hasResource("AWS::Cognito::UserPool", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
    }

    @Test
    void appClientAllowsOnlyCustomAuthAndRefreshWithoutSecret() {
        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.ofEntries(
                Map.entry("UserPoolId", resolve(stack.backend().userPool().userPool().getUserPoolId())),
                Map.entry("ExplicitAuthFlows", Match.exact(List.of("ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))),
                Map.entry("GenerateSecret", false),
                Map.entry("PreventUserExistenceErrors", "ENABLED"),
                Map.entry("EnableTokenRevocation", true),
                Map.entry("AllowedOAuthFlowsUserPoolClient", false),
                Map.entry("AuthSessionValidity", 3),
                // the client may write no attribute: nobody moves an account onto someone else's address
                Map.entry("WriteAttributes", List.of()),
                Map.entry("ReadAttributes", List.of("email", "email_verified")),
                Map.entry("IdTokenValidity", 30),
                Map.entry("AccessTokenValidity", 15),
                Map.entry("RefreshTokenValidity", 7 * 24 * 60),
                Map.entry("TokenValidityUnits", Map.of("IdToken", "minutes", "AccessToken", "minutes", "RefreshToken", "minutes")))));
    }

    @Test
    void linkTableIsOnDemandWithTtlOnExpRecoveryAndEncryption() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectEquals(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "exp", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "SSESpecification", Map.of("SSEEnabled", true))));
    }

    @Test
    void signInFunctionMayOnlyWriteCooldownsAndQueueSoItCannotTellAccountsApart() {
        accessPolicyIs("SignInAccess", "SignInApiHandler", List.of(
                statement(List.of("dynamodb:PutItem", "dynamodb:UpdateItem"), resolve(stack.backend().linkTable().table().getTableArn())),
                statement("sqs:SendMessage", resolve(stack.backend().linkQueue().queue().getQueueArn())),
                statement("secretsmanager:GetSecretValue", resolve(stack.backend().deploymentSecret().getSecretArn()))));
    }

    @Test
    void deliveryFunctionMayTouchOnlyTheTableThePoolTheSenderIdentityAndTheSecret() {
        accessPolicyIs("LinkDeliveryAccess", "LinkDeliveryHandler", List.of(
                statement(List.of("dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"),
                        resolve(stack.backend().linkTable().table().getTableArn())),
                statement(List.of("cognito-idp:ListUsers", "cognito-idp:AdminCreateUser", "cognito-idp:AdminSetUserPassword"),
                        resolve(stack.backend().userPool().userPool().getUserPoolArn())),
                statement("ses:SendEmail", resolve(stack.backend().sender().getEmailIdentityArn())),
                statement("secretsmanager:GetSecretValue", resolve(stack.backend().deploymentSecret().getSecretArn()))));
        assertThat(resolve(stack.backend().sender().getEmailIdentityArn()).toString()).contains(":identity/");
    }

    @Test
    void verifyTriggerMayOnlyReadAndUpdateLinksOfTheTable() {
        accessPolicyIs("VerifyAuthChallengeAccess", "VerifyAuthChallengeHandler", List.of(
                statement(List.of("dynamodb:Query", "dynamodb:UpdateItem"), resolve(stack.backend().linkTable().table().getTableArn())),
                statement("secretsmanager:GetSecretValue", resolve(stack.backend().deploymentSecret().getSecretArn()))));
    }

    @Test
    void linkRequestsGoThroughAnEncryptedQueueWithADeadLetterQueueAndAnAlarm() {
        template.resourceCountIs("AWS::SQS::Queue", 2);
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "SqsManagedSseEnabled", true,
                "VisibilityTimeout", 60,
                "RedrivePolicy", Map.of("deadLetterTargetArn", resolve(stack.backend().linkQueue().deadLetters().getQueueArn()),
                        "maxReceiveCount", 5))));
        template.resourcePropertiesCountIs("AWS::SQS::Queue", Match.objectLike(Map.of("SqsManagedSseEnabled", true)), 2);
        template.resourceCountIs("AWS::SQS::QueuePolicy", 2); // TLS only, on both
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", resolve(stack.backend().linkQueue().deadLetters().getQueueName()))),
                "ComparisonOperator", "GreaterThanThreshold",
                "Threshold", 0)));
    }

    @Test
    void theDeliveryFunctionConsumesTheQueueThroughItsAliasReportingFailuresPerMessage() {
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "EventSourceArn", resolve(stack.backend().linkQueue().queue().getQueueArn()),
                // the alias (function name + ":live"), never the function itself ($LATEST)
                "FunctionName", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":" + JavaFunction.ALIAS_NAME)))),
                "BatchSize", 10,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"))));
        // The consume grant lands on the delivery role's default policy, for this queue only.
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "Roles", List.of(resolve(fn("LinkDeliveryHandler").role().getRoleName())),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage")),
                        "Resource", resolve(stack.backend().linkQueue().queue().getQueueArn())))))))));
    }

    @Test
    void postAuthenticationTriggerMayOnlyUpdateAttributesInThePool() {
        accessPolicyIs("PostAuthenticationAccess", "PostAuthenticationHandler", List.of(
                statement("cognito-idp:AdminUpdateUserAttributes", resolve(stack.backend().userPool().userPool().getUserPoolArn()))));
    }

    @Test
    void noOtherPolicyExistsSoDefineCreateAndPreSignUpMayOnlyLog() {
        // the four access policies and the delivery role's queue-consume policy
        template.resourceCountIs("AWS::IAM::Policy", 5);
        assertThat(stack.backend().accessPolicies()).containsOnlyKeys("SignInAccess", "LinkDeliveryAccess", "VerifyAuthChallengeAccess",
                "PostAuthenticationAccess");
    }

    @Test
    void everyRoleMayWriteOnlyItsOwnLogGroupAndHasNoManagedPolicy() {
        template.resourceCountIs("AWS::IAM::Role", 8);
        for (String handler : HANDLERS) {
            template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                    "Description", "Runs " + handler + "; writes only its own log group",
                    "ManagedPolicyArns", Match.absent(),
                    "Policies", Match.exact(List.of(Map.of(
                            "PolicyName", "WriteOwnLogs",
                            "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                                    statement(List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                                            resolve(fn(handler).logGroup().getLogGroupArn()))))))))));
        }
    }

    private static void accessPolicyIs(String id, String handler, List<Map<String, Object>> statements) {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectEquals(Map.of(
                "PolicyName", Match.stringLikeRegexp(id + ".*"),
                "Roles", List.of(resolve(fn(handler).role().getRoleName())),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", statements))));
    }

    private static Map<String, Object> statement(Object actions, Object resource) {
        return Map.of("Effect", "Allow", "Action", actions, "Resource", resource);
    }

    @Test
    void logsAreKeptForTheConfiguredDays() {
        template.resourceCountIs("AWS::Logs::LogGroup", 9);
        template.resourcePropertiesCountIs("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 14)), 9);
    }

    @Test
    void signInPostGoesToTheAliasUnvalidatedSoTheFunctionJudgesEveryBodyAsLocally() {
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "POST",
                "AuthorizationType", "NONE",
                "Integration", Match.objectLike(Map.of(
                        "Type", "AWS_PROXY",
                        "IntegrationHttpMethod", "POST",
                        "Uri", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                resolve(fn("SignInApiHandler").alias().getFunctionArn()), "/invocations")))))))));
        // One policy for unknown fields and one set of 400 sentences: the function's, in AWS as locally.
        template.resourceCountIs("AWS::ApiGateway::RequestValidator", 0);
        template.resourceCountIs("AWS::ApiGateway::Model", 0);
        // Only the stage may invoke it (no test-invoke permission).
        template.resourcePropertiesCountIs("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "Principal", "apigateway.amazonaws.com",
                "FunctionName", resolve(fn("SignInApiHandler").alias().getFunctionArn()))), 1);
    }

    @Test
    void openServesTheLinkPageFromAMockIntegrationWithSafeHeaders() {
        String html = new LinkPage("com.example.signin.test").html();
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "GET",
                "AuthorizationType", "NONE",
                "Integration", Match.objectLike(Map.of(
                        "Type", "MOCK",
                        "RequestTemplates", Map.of("application/json", "{\"statusCode\": 200}"),
                        "IntegrationResponses", List.of(Match.objectLike(Map.of(
                                "StatusCode", "200",
                                "ResponseTemplates", Map.of("text/html", html, "application/json", html),
                                "ResponseParameters", Match.objectLike(Map.of(
                                        "method.response.header.Content-Type", "'text/html; charset=utf-8'",
                                        "method.response.header.Cache-Control", "'no-store'",
                                        "method.response.header.Referrer-Policy", "'no-referrer'",
                                        "method.response.header.X-Frame-Options", "'DENY'"))))))))));
        template.resourceCountIs("AWS::ApiGateway::Method", 3);
    }

    @Test
    void stageIsThrottledAndWritesAnAccessLog() {
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "StageName", "prod",
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "HttpMethod", "*", "ResourcePath", "/*", "ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10)))),
                "AccessLogSetting", Match.objectLike(Map.of(
                        "DestinationArn", resolve(stack.backend().api().accessLog().getLogGroupArn()),
                        "Format", Match.stringLikeRegexp(".*sourceIp.*status.*"))))));
    }

    @Test
    void openIsThrottledApartFromSignin() {
        // API Gateway's method paths escape '/' as '~1': "/~1open" is the resource /open.
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of("HttpMethod", "POST", "ResourcePath", "/~1signin",
                        "ThrottlingRateLimit", 5, "ThrottlingBurstLimit", 10)))))));
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of(
                "MethodSettings", Match.arrayWith(List.of(Match.objectLike(Map.of("HttpMethod", "GET", "ResourcePath", "/~1open",
                        "ThrottlingRateLimit", 20, "ThrottlingBurstLimit", 40)))))));
    }

    @Test
    void gatewayErrorsAnswerInTheApiErrorFormat() {
        template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Match.objectLike(Map.of(
                "ResponseType", "REQUEST_TOO_LARGE", "StatusCode", "413",
                "ResponseTemplates", Map.of("application/json", Match.stringLikeRegexp(".*\"error\":\"payload_too_large\".*")))));
        template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Match.objectLike(Map.of(
                "ResponseType", "THROTTLED", "StatusCode", "429",
                "ResponseParameters", Map.of("gatewayresponse.header.Retry-After", "'1'"),
                "ResponseTemplates", Map.of("application/json", Match.stringLikeRegexp(".*\"error\":\"too_many_requests\".*")))));
    }

    @Test
    void meTakesOnlyAccessTokensOfThePoolThroughACognitoAuthorizerAndGoesToItsAlias() {
        template.resourceCountIs("AWS::ApiGateway::Authorizer", 1);
        template.hasResourceProperties("AWS::ApiGateway::Authorizer", Match.objectLike(Map.of(
                "Type", "COGNITO_USER_POOLS",
                "IdentitySource", "method.request.header.Authorization",
                "ProviderARNs", List.of(resolve(stack.backend().userPool().userPool().getUserPoolArn())))));
        template.hasResourceProperties("AWS::ApiGateway::Method", Match.objectLike(Map.of(
                "HttpMethod", "GET",
                "ResourceId", resolve(stack.backend().api().meMethod().getResource().getResourceId()),
                "AuthorizationType", "COGNITO_USER_POOLS",
                "AuthorizerId", resolve(stack.backend().api().authorizer().getAuthorizerId()),
                // Cognito puts this scope into access tokens only: an ID token is refused at the gateway.
                "AuthorizationScopes", List.of("aws.cognito.signin.user.admin"),
                "Integration", Match.objectLike(Map.of(
                        "Type", "AWS_PROXY",
                        "Uri", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                resolve(fn("MeHandler").alias().getFunctionArn()), "/invocations")))))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Match.objectLike(Map.of(
                "FunctionName", resolve(fn("MeHandler").alias().getFunctionArn()),
                "Principal", "apigateway.amazonaws.com")));
    }

    @Test
    void theMeFunctionHasNoGrantBecauseGetUserIsAuthorisedByTheTokenItself() {
        assertThat(template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "Roles", Match.arrayWith(List.of(resolve(fn("MeHandler").role().getRoleName()))))))))).isEmpty();
    }

    @Test
    void aRefusedTokenGets401InTheApiErrorFormatWithABearerChallenge() {
        template.hasResourceProperties("AWS::ApiGateway::GatewayResponse", Match.objectLike(Map.of(
                "ResponseType", "UNAUTHORIZED", "StatusCode", "401",
                "ResponseParameters", Map.of("gatewayresponse.header.WWW-Authenticate", "'Bearer error=\"invalid_token\"'"),
                "ResponseTemplates", Map.of("application/json", MeApi.unauthorizedJson()))));
    }

    @Test
    void senderAddressIsAnSesEmailIdentity() {
        template.resourceCountIs("AWS::SES::EmailIdentity", 1);
        template.hasResourceProperties("AWS::SES::EmailIdentity", Match.objectLike(Map.of("EmailIdentity", TestStacks.SENDER)));
    }

    @Test
    void wafLimitsEachIpAndGuardsTheStage() {
        template.resourceCountIs("AWS::WAFv2::WebACL", 2);
        template.hasResourceProperties("AWS::WAFv2::WebACL", Match.objectLike(Map.of(
                "Scope", "REGIONAL",
                "DefaultAction", Map.of("Allow", Map.of()),
                "Rules", List.of(Match.objectLike(Map.of(
                        "Name", "RateLimitPerIp",
                        "Statement", Map.of("RateBasedStatement", Map.of("Limit", 200, "AggregateKeyType", "IP", "EvaluationWindowSec", 300)),
                        "Action", Map.of("Block", Map.of("CustomResponse", Match.objectLike(Map.of("ResponseCode", 429))))))))));
        template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", Match.objectEquals(Map.of(
                "ResourceArn", resolve(stack.backend().api().stageArn()),
                "WebACLArn", resolve(stack.backend().firewall().webAcl().getAttrArn()))));
    }

    @Test
    void aRateBasedWafRuleGuardsTheUserPool() {
        template.hasResourceProperties("AWS::WAFv2::WebACL", Match.objectLike(Map.of(
                "Scope", "REGIONAL",
                "DefaultAction", Map.of("Allow", Map.of()),
                "Description", "Per-IP rate limit for the user pool",
                "Rules", List.of(Match.objectLike(Map.of(
                        "Name", "RateLimitPerIp",
                        "Statement", Map.of("RateBasedStatement", Map.of("Limit", 200, "AggregateKeyType", "IP", "EvaluationWindowSec", 300)),
                        // Cognito answers a block with ForbiddenException; custom responses reach only managed login.
                        "Action", Map.of("Block", Map.of())))))));
        template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", Match.objectEquals(Map.of(
                "ResourceArn", resolve(stack.backend().userPool().userPool().getUserPoolArn()),
                "WebACLArn", resolve(stack.backend().poolFirewall().webAcl().getAttrArn()))));
    }

    @Test
    void outputsAreExactlyTheDesktopAppConfiguration() {
        assertThat(template.findOutputs("*").keySet()).containsExactlyInAnyOrderElementsOf(MagicLinkBackend.APP_CONFIGURATION_KEYS);
        template.hasOutput("scheme", Match.objectLike(Map.of("Value", "com.example.signin.test")));
        template.hasOutput("region", Match.objectLike(Map.of("Value", Map.of("Ref", "AWS::Region"))));
        template.hasOutput("userPoolId", Match.objectLike(Map.of("Value", resolve(stack.backend().userPool().userPool().getUserPoolId()))));
        template.hasOutput("clientId", Match.objectLike(Map.of("Value", resolve(stack.backend().userPool().client().getUserPoolClientId()))));
        template.hasOutput("apiUrl", Match.objectLike(Map.of("Value", resolve(stack.backend().api().baseUrl()))));
        template.hasOutput("linkBase", Match.objectLike(Map.of("Value", resolve(stack.backend().api().baseUrl()))));
        template.hasOutput("issuer", Match.objectLike(Map.of("Value", Map.of("Fn::Join", List.of("",
                List.of("https://", resolve(stack.backend().userPool().userPool().getUserPoolProviderUrl())))))));
    }

    @Test
    void aChangedSettingPublishesANewVersionForTheAliasEvenWhenSetAfterTheFunction() {
        // LINK_BASE is added after the function exists; the version's logical id (its hash) must still cover it.
        SignInStack a = TestStacks.stack(TestStacks.settings().linkBase("https://a.example.com").build());
        SignInStack b = TestStacks.stack(TestStacks.settings().linkBase("https://b.example.com").build());
        assertThat(versionId(a, "SignInApiHandler")).isNotEqualTo(versionId(b, "SignInApiHandler"));
        assertThat(versionId(a, "VerifyAuthChallengeHandler")).isEqualTo(versionId(b, "VerifyAuthChallengeHandler"));
    }

    private static String versionId(SignInStack s, String handler) {
        Template t = Template.fromStack(s);
        Object ref = s.resolve(s.backend().functions().get(handler).function().getCurrentVersion().getVersion());
        assertThat(t.findResources("AWS::Lambda::Version")).isNotEmpty();
        return ref.toString();
    }

    @Test
    void templateHasNoDependencyCycle() {
        assertThat(DependencyCycles.find(template.toJSON())).isEmpty();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithoutWafAndWithItsOwnLinkBase {

        SignInStack other;
        Template otherTemplate;

        @BeforeAll
        void synthesise() {
            other = TestStacks.stack(TestStacks.settings().wafEnabled(false).linkBase("https://signin.example.com/links")
                    .sandboxRecipients(List.of("alice@example.org")).build());
            otherTemplate = Template.fromStack(other);
        }

        @Test
        void noFirewallIsCreated() {
            otherTemplate.resourceCountIs("AWS::WAFv2::WebACL", 0);
            otherTemplate.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
        }

        @Test
        void theLinkBaseReachesTheOutputAndTheSignInFunction() {
            otherTemplate.hasOutput("linkBase", Match.objectLike(Map.of("Value", "https://signin.example.com/links")));
            otherTemplate.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "com.example.signin.lambdas.SignInApiHandler::handleRequest",
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "LINK_BASE", "https://signin.example.com/links", "LINK_STYLE", "page", "SIGN_UP_MODE", "open",
                            "ALLOWED_EMAIL_DOMAINS", "", "LINK_EXPIRY_SECONDS", "900", "REQUEST_COOLDOWN_SECONDS", "60"))))));
        }

        @Test
        void aSandboxRecipientBecomesAnIdentityTheDeliveryFunctionMaySendTo() {
            otherTemplate.resourceCountIs("AWS::SES::EmailIdentity", 2);
            otherTemplate.hasResourceProperties("AWS::SES::EmailIdentity", Match.objectLike(Map.of("EmailIdentity", "alice@example.org")));
            otherTemplate.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                    "Statement", Match.arrayWith(List.of(Match.objectEquals(Map.of("Effect", "Allow", "Action", "ses:SendEmail",
                            "Resource", List.of(other.resolve(other.backend().sender().getEmailIdentityArn()),
                                    Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                                            Match.arrayWith(List.of(Match.stringLikeRegexp(".*:identity/.*")))))))))))))))));
        }

        @Test
        void defaultsAreThoseOfTheDesign() {
            otherTemplate.resourcePropertiesCountIs("AWS::Lambda::Function", Match.objectLike(Map.of("MemorySize", 1024)), 8);
            otherTemplate.resourcePropertiesCountIs("AWS::Logs::LogGroup", Match.objectLike(Map.of("RetentionInDays", 30)), 9);
            otherTemplate.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "com.example.signin.lambdas.VerifyAuthChallengeHandler::handleRequest",
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("MAX_FAILED_ATTEMPTS", "5"))))));
        }
    }
}
