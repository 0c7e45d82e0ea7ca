package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.LambdaWiring;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.MagicLinkService;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.Mailer;
import com.example.signin.lambdas.service.SesMailer;
import com.example.signin.lambdas.service.SignInRequest;
import com.example.signin.lambdas.service.SignInResult;
import com.example.signin.lambdas.service.UserDirectory;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code POST /signin} (DESIGN.md step 2). Answers, always as JSON with
 * {@code Cache-Control: no-store}:
 * 202 for every well-formed request (the same bytes whether or not the account exists),
 * 400 {@code invalid_email} / {@code invalid_request}, 405 for other methods, 413 over
 * {@value SignInApi#MAX_BODY_BYTES} bytes, 429 with {@code Retry-After}, 503
 * {@code email_unavailable} (or {@code service_unavailable} when the link store fails). Never a
 * stack trace. CORS headers only when {@code CORS_ALLOWED_ORIGIN} is set.
 */
public final class SignInApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    static final String ACCEPTED_MESSAGE =
            "If this address can sign in, a sign-in link is on its way. Open it on this computer.";

    private static final Logger LOG = LoggerFactory.getLogger(SignInApiHandler.class);
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> FIELDS = Set.of(SignInApi.FIELD_EMAIL, SignInApi.FIELD_CODE_CHALLENGE,
            SignInApi.FIELD_CODE_CHALLENGE_METHOD, SignInApi.FIELD_LOCALE);
    private static final String BODY_SHAPE = "The request body must be a JSON object like {\"email\": \"alice@example.com\", "
            + "\"codeChallenge\": \"...\", \"codeChallengeMethod\": \"S256\", \"locale\": \"en\"}.";

    private final MagicLinkService service;
    private final String corsAllowedOrigin;
    private final SdkPriming priming;

    /** Lambda entry: reads the environment (see docs/CONTRACTS.md) and builds the SDK clients once. */
    public SignInApiHandler() {
        Environment env = Environment.system();
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamo();
        CognitoIdentityProviderClient cognito = aws.cognito();
        SesV2Client[] ses = new SesV2Client[1];
        Mailer mailer = LambdaWiring.mailer(env, () -> ses[0] = aws.ses());
        MagicLinkSettings settings = MagicLinkSettings.fromEnvironment(System.getenv());
        SecureRandom random = new SecureRandom();
        this.service = new MagicLinkService(settings, new LinkStore(dynamo, LambdaWiring.linkTable(env)),
                new CognitoUserDirectory(cognito, random), mailer, Clock.systemUTC(), random);
        this.corsAllowedOrigin = LambdaWiring.corsAllowedOrigin(env);
        // SnapStart: prime each SDK client's request path before the snapshot, without a network call.
        SdkPriming prime = new SdkPriming().dynamo(dynamo, LambdaWiring.linkTable(env)).cognito(cognito, settings.userPoolId());
        this.priming = (ses[0] != null ? prime.ses(ses[0]) : prime).register();
    }

    /**
     * @param corsAllowedOrigin the one origin allowed to call from a browser, or {@code null} for
     *                          no CORS headers (the client is a desktop app)
     */
    public SignInApiHandler(MagicLinkService service, String corsAllowedOrigin) {
        this.service = Objects.requireNonNull(service, "service");
        this.corsAllowedOrigin = corsAllowedOrigin == null || corsAllowedOrigin.isBlank() ? null : corsAllowedOrigin;
        this.priming = null;
    }

    /**
     * Builds the handler the way the Lambda does, from environment variables (names and defaults
     * as in docs/CONTRACTS.md, {@code LINK_TABLE} and {@code CORS_ALLOWED_ORIGIN} included), but
     * with the caller's clients: for the local backend.
     */
    public static SignInApiHandler create(Map<String, String> environment, DynamoDbClient dynamo,
                                          UserDirectory directory, Mailer mailer, Clock clock, SecureRandom random) {
        Environment env = new Environment(environment);
        MagicLinkService service = new MagicLinkService(MagicLinkSettings.fromEnvironment(environment),
                new LinkStore(dynamo, LambdaWiring.linkTable(env)), directory, mailer, clock, random);
        return new SignInApiHandler(service, LambdaWiring.corsAllowedOrigin(env));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            return answer(event);
        } catch (SdkException e) {
            LOG.error("AWS call failed while handling a sign-in request", e);
            return error(503, SignInApi.ERROR_SERVICE_UNAVAILABLE, "Sign-in is unavailable for a moment. Try again in a minute.");
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while handling a sign-in request", e);
            return error(500, SignInApi.ERROR_INTERNAL, "Something went wrong on our side. Try again in a minute.");
        }
    }

    private APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent event) {
        String method = event == null ? null : event.getHttpMethod();
        if (corsAllowedOrigin != null && "OPTIONS".equalsIgnoreCase(method)) {
            return respond(204, null, Map.of());
        }
        if (!"POST".equalsIgnoreCase(method)) {
            return respond(405, body(Map.of(SignInApi.FIELD_ERROR, SignInApi.ERROR_METHOD_NOT_ALLOWED,
                    SignInApi.FIELD_MESSAGE, "Use POST to ask for a sign-in link.")), Map.of("Allow", "POST"));
        }
        byte[] bytes;
        String raw = event.getBody() == null ? "" : event.getBody();
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            if (raw.length() > (SignInApi.MAX_BODY_BYTES / 3 + 1) * 4 + 8) {
                return tooLarge();
            }
            try {
                bytes = Base64.getDecoder().decode(raw.strip());
            } catch (IllegalArgumentException e) {
                return error(400, SignInApi.ERROR_INVALID_REQUEST, BODY_SHAPE);
            }
        } else {
            if (raw.length() > SignInApi.MAX_BODY_BYTES) {
                return tooLarge();
            }
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > SignInApi.MAX_BODY_BYTES) {
            return tooLarge();
        }
        SignInRequest request;
        try {
            request = parse(bytes);
        } catch (BadRequest e) {
            return error(400, SignInApi.ERROR_INVALID_REQUEST, e.getMessage());
        }
        SignInResult result = service.request(request);
        if (result instanceof SignInResult.Accepted) {
            return respond(202, body(Map.of(SignInApi.FIELD_MESSAGE, ACCEPTED_MESSAGE)), Map.of());
        } else if (result instanceof SignInResult.Invalid invalid) {
            return error(400, invalid.error(), invalid.message());
        } else if (result instanceof SignInResult.TooManyRequests tooMany) {
            long seconds = tooMany.retryAfter().toSeconds();
            return respond(429, body(Map.of(SignInApi.FIELD_ERROR, SignInApi.ERROR_TOO_MANY_REQUESTS,
                    SignInApi.FIELD_MESSAGE, "A link was asked for this address moments ago. Wait " + seconds
                            + " seconds before asking for another one.")), Map.of("Retry-After", Long.toString(seconds)));
        } else {
            return error(503, SignInApi.ERROR_EMAIL_UNAVAILABLE, "The sign-in email could not be sent right now. Try again in a minute.");
        }
    }

    private static SignInRequest parse(byte[] bytes) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequest(BODY_SHAPE);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean known = FIELDS.contains(name);
                if (value == JsonToken.VALUE_STRING && known) {
                    fields.put(name, parser.getText());
                } else if (value == JsonToken.VALUE_NULL || !known) {
                    parser.skipChildren();
                } else {
                    throw new BadRequest("\"" + name + "\" must be a string. " + BODY_SHAPE);
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new BadRequest(BODY_SHAPE);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadRequest bad) {
                throw bad;
            }
            throw new BadRequest(BODY_SHAPE);
        }
        return new SignInRequest(
                fields.get(SignInApi.FIELD_EMAIL),
                fields.get(SignInApi.FIELD_CODE_CHALLENGE),
                fields.get(SignInApi.FIELD_CODE_CHALLENGE_METHOD),
                fields.get(SignInApi.FIELD_LOCALE));
    }

    private APIGatewayProxyResponseEvent tooLarge() {
        return error(413, SignInApi.ERROR_PAYLOAD_TOO_LARGE,
                "The request is larger than " + SignInApi.MAX_BODY_BYTES + " bytes; a sign-in request is much smaller.");
    }

    private APIGatewayProxyResponseEvent error(int status, String error, String message) {
        return respond(status, body(Map.of(SignInApi.FIELD_ERROR, error, SignInApi.FIELD_MESSAGE, message)), Map.of());
    }

    private static String body(Map<String, String> fields) {
        Map<String, String> ordered = new LinkedHashMap<>();
        if (fields.containsKey(SignInApi.FIELD_ERROR)) {
            ordered.put(SignInApi.FIELD_ERROR, fields.get(SignInApi.FIELD_ERROR));
        }
        if (fields.containsKey(SignInApi.FIELD_MESSAGE)) {
            ordered.put(SignInApi.FIELD_MESSAGE, fields.get(SignInApi.FIELD_MESSAGE));
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> field : ordered.entrySet()) {
                generator.writeStringField(field.getKey(), field.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to a string cannot fail", e);
        }
        return out.toString();
    }

    private APIGatewayProxyResponseEvent respond(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(extraHeaders);
        if (corsAllowedOrigin != null) {
            headers.put("Access-Control-Allow-Origin", corsAllowedOrigin);
            headers.put("Access-Control-Allow-Methods", "POST, OPTIONS");
            headers.put("Access-Control-Allow-Headers", "Content-Type");
            headers.put("Access-Control-Expose-Headers", "Retry-After");
            headers.put("Access-Control-Max-Age", "600");
            headers.put("Vary", "Origin");
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body == null ? "" : body)
                .withIsBase64Encoded(false);
    }

    /** A body that is not the JSON object the API expects; the message is the answer. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
