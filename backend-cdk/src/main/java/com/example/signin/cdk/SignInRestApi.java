package com.example.signin.cdk;

import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.MeApi;
import com.example.signin.protocol.SignInApi;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.GatewayResponseOptions;
import software.amazon.awscdk.services.apigateway.IntegrationResponse;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.MethodResponse;
import software.amazon.awscdk.services.apigateway.MockIntegration;
import software.amazon.awscdk.services.apigateway.PassthroughBehavior;
import software.amazon.awscdk.services.apigateway.ResponseType;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The REST API: {@code POST /signin} (the sign-in function, which judges the body itself),
 * {@code GET /open} (the link page, from a mock integration: no function, no cold start), both
 * public, and {@code GET /me} behind a Cognito user-pools authorizer that requires the access
 * token scope, so an ID token never passes. The stage is throttled and writes a JSON access log;
 * the gateway's own errors answer in the API's error format ({@code {"error": ..., "message": ...}}).
 */
public final class SignInRestApi extends Construct {

    /**
     * The link page's own headers as API Gateway literals ({@code 'value'}), plus HSTS. A value
     * holding {@code '} cannot be a literal: the Content-Security-Policy, which the page also
     * carries as a meta element, is left to that.
     */
    static Map<String, String> pageHeaders(LinkPage page) {
        Map<String, String> literals = new java.util.LinkedHashMap<>();
        page.headers().forEach((name, value) -> {
            if (value.indexOf('\'') < 0) {
                literals.put(name, "'" + value + "'");
            }
        });
        literals.put("Strict-Transport-Security", "'max-age=31536000'");
        return literals;
    }

    private final RestApi api;
    private final Method signInMethod;
    private final Method openMethod;
    private final Method meMethod;
    private final CognitoUserPoolsAuthorizer authorizer;
    private final LogGroup accessLog;
    private final String stageName;

    public SignInRestApi(Construct scope, String id, SignInRestApiProps props) {
        super(scope, id);
        stageName = props.stageName();
        accessLog = LogGroup.Builder.create(this, "AccessLog")
                .retention(JavaFunction.retention(props.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        api = RestApi.Builder.create(this, "Api")
                .description("Magic-link sign-in: POST /signin asks for a link, GET /open hands a link to the app, GET /me "
                        + "answers who an access token belongs to")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(false)
                .deployOptions(StageOptions.builder()
                        .stageName(props.stageName())
                        .throttlingRateLimit(props.throttleRateLimit())
                        .throttlingBurstLimit(props.throttleBurstLimit())
                        // Method-level buckets: /open and /signin are throttled apart.
                        .methodOptions(Map.of(
                                SignInApi.SIGN_IN_PATH + "/POST", MethodDeploymentOptions.builder()
                                        .throttlingRateLimit(props.throttleRateLimit())
                                        .throttlingBurstLimit(props.throttleBurstLimit()).build(),
                                MagicLinkFormat.PAGE_PATH + "/GET", MethodDeploymentOptions.builder()
                                        .throttlingRateLimit(props.openThrottleRateLimit())
                                        .throttlingBurstLimit(props.openThrottleBurstLimit()).build()))
                        .accessLogDestination(new LogGroupLogDestination(accessLog))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        .loggingLevel(MethodLoggingLevel.OFF)
                        .dataTraceEnabled(false)
                        .build())
                .build();
        // The stack's outputs are exactly the app's configuration; RestApi's own "Endpoint" output would be an extra key.
        api.getNode().tryRemoveChild("Endpoint");

        // No request model or validator: the function judges every body itself, so AWS and the local backend give the
        // same answers (unknown fields ignored, 400/413/415 with the API's sentences); see docs/CONTRACTS.md.
        signInMethod = api.getRoot().addResource(SignInApi.SIGN_IN_PATH.substring(1)).addMethod("POST",
                LambdaIntegration.Builder.create(props.signInFunction()).proxy(true).allowTestInvoke(false).build(),
                MethodOptions.builder()
                        .operationName("RequestSignInLink")
                        .build());

        String html = props.linkPage().html();
        openMethod = api.getRoot().addResource(MagicLinkFormat.PAGE_PATH.substring(1)).addMethod("GET",
                MockIntegration.Builder.create()
                        .passthroughBehavior(PassthroughBehavior.NEVER)
                        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))
                        .integrationResponses(List.of(IntegrationResponse.builder()
                                .statusCode("200")
                                .responseTemplates(Map.of("text/html", html, "application/json", html))
                                .responseParameters(prefixed("method.response.header.", pageHeaders(props.linkPage())))
                                .build()))
                        .build(),
                MethodOptions.builder()
                        .operationName("OpenSignInLink")
                        .methodResponses(List.of(MethodResponse.builder()
                                .statusCode("200")
                                .responseParameters(prefixedTrue("method.response.header.", pageHeaders(props.linkPage())))
                                .build()))
                        .build());

        // The authorizer checks signature, issuer and expiry; the scope lets only access tokens through (an ID token
        // has none). The function then checks the app client and asks Cognito, which also refuses a signed-out token.
        authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "AccessTokenAuthorizer")
                .cognitoUserPools(List.of(props.userPool()))
                .identitySource("method.request.header.Authorization")
                .resultsCacheTtl(Duration.seconds(0))
                .build();
        meMethod = api.getRoot().addResource(MeApi.PATH.substring(1)).addMethod("GET",
                LambdaIntegration.Builder.create(props.meFunction()).proxy(true).allowTestInvoke(false).build(),
                MethodOptions.builder()
                        .operationName("GetSignedInUser")
                        .authorizer(authorizer)
                        .authorizationType(AuthorizationType.COGNITO)
                        .authorizationScopes(List.of(MeApi.ACCESS_TOKEN_SCOPE))
                        .build());

        errorResponse("Unauthorized", ResponseType.UNAUTHORIZED, "401", MeApi.unauthorizedJson(),
                Map.of("WWW-Authenticate", "'" + MeApi.WWW_AUTHENTICATE + "'"));
        errorResponse("Throttled", ResponseType.THROTTLED, "429", SignInApi.errorJson(SignInApi.ERROR_TOO_MANY_REQUESTS,
                "Too many requests; try again in a moment."), Map.of("Retry-After", "'1'"));
        errorResponse("RequestTooLarge", ResponseType.REQUEST_TOO_LARGE, "413", SignInApi.errorJson(SignInApi.ERROR_PAYLOAD_TOO_LARGE,
                "The request body is too large."), Map.of());
    }

    private void errorResponse(String id, ResponseType type, String status, String json, Map<String, String> headers) {
        api.addGatewayResponse(id, GatewayResponseOptions.builder()
                .type(type)
                .statusCode(status)
                .templates(Map.of("application/json", json))
                .responseHeaders(headers)
                .build());
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> map) {
        return map.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> prefix + e.getKey(), Map.Entry::getValue));
    }

    private static Map<String, Boolean> prefixedTrue(String prefix, Map<String, String> map) {
        return map.keySet().stream().collect(java.util.stream.Collectors.toMap(k -> prefix + k, k -> true));
    }

    public RestApi api() {
        return api;
    }

    /** {@code POST /signin}. */
    public Method signInMethod() {
        return signInMethod;
    }

    /** {@code GET /open}. */
    public Method openMethod() {
        return openMethod;
    }

    /** {@code GET /me}. */
    public Method meMethod() {
        return meMethod;
    }

    /** The Cognito user-pools authorizer of {@code GET /me}. */
    public CognitoUserPoolsAuthorizer authorizer() {
        return authorizer;
    }

    public LogGroup accessLog() {
        return accessLog;
    }

    /**
     * The stage's base URL without trailing slash, built from the API id and the literal stage
     * name: unlike {@code RestApi.getUrl()} it never refers to the stage resource, so the sign-in
     * function (which the stage's deployment depends on) may carry it in its environment.
     */
    public String baseUrl() {
        return Fn.join("", List.of("https://", api.getRestApiId(), ".execute-api.", Aws.REGION, ".", Aws.URL_SUFFIX, "/", stageName));
    }

    /** ARN of the stage, for a WAF association. */
    public String stageArn() {
        return api.getDeploymentStage().getStageArn();
    }
}
