package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.api.RequestRefused;
import com.example.signin.lambdas.api.SignInAnswer;
import com.example.signin.lambdas.api.SignInRequestParser;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.LambdaWiring;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkQueue;
import com.example.signin.lambdas.service.LinkQueueFullException;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.MagicLinkService;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.SqsLinkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code POST /signin} (DESIGN.md step 2): a thin entry over {@link SignInRequestParser} (what
 * is a sign-in request), {@link MagicLinkService} (what becomes of it) and {@link SignInAnswer}
 * (what the caller gets). Every answer is JSON with {@code Cache-Control: no-store}; never a stack
 * trace. CORS headers only when {@code CORS_ALLOWED_ORIGIN} is set.
 */
public final class SignInApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SignInApiHandler.class);

    private final SignInRequestParser parser = new SignInRequestParser();
    private final MagicLinkService service;
    private final String corsAllowedOrigin;
    private final SdkPriming priming;

    /** Lambda entry: reads the environment once (see docs/CONTRACTS.md) and builds the SDK clients. */
    public SignInApiHandler() {
        this(Environment.system());
    }

    private SignInApiHandler(Environment env) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamo = aws.dynamo();
        SqsClient sqs = aws.sqs();
        String queueUrl = LambdaWiring.linkQueueUrl(env);
        this.service = new MagicLinkService(LambdaWiring.settings(env), LambdaWiring.linkKeys(env, aws::secretsManager),
                new LinkStore(dynamo, LambdaWiring.linkTable(env)), new SqsLinkQueue(sqs, queueUrl), Clock.systemUTC(),
                new SecureRandom());
        this.corsAllowedOrigin = LambdaWiring.corsAllowedOrigin(env);
        // SnapStart: prime each SDK client's request path before the snapshot, without a network call.
        this.priming = new SdkPriming().dynamo(dynamo, LambdaWiring.linkTable(env)).sqs(sqs, queueUrl).register();
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
     * with the caller's table client, keys and queue: for the local backend.
     */
    public static SignInApiHandler create(Map<String, String> environment, DynamoDbClient dynamo, LinkKeys keys,
                                          LinkQueue queue, Clock clock, SecureRandom random) {
        Environment env = new Environment(environment);
        MagicLinkService service = new MagicLinkService(LambdaWiring.settings(env), keys,
                new LinkStore(dynamo, LambdaWiring.linkTable(env)), queue, clock, random);
        return new SignInApiHandler(service, LambdaWiring.corsAllowedOrigin(env));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return respond(answer(event));
    }

    private SignInAnswer answer(APIGatewayProxyRequestEvent event) {
        if (corsAllowedOrigin != null && SignInRequestParser.isPreflight(event)) {
            return SignInAnswer.preflight();
        }
        try {
            return SignInAnswer.of(service.request(parser.parse(event)));
        } catch (RequestRefused refused) {
            return refused.answer();
        } catch (LinkQueueFullException e) {
            LOG.error("The link queue refused a request", e);
            return SignInAnswer.serviceUnavailable();
        } catch (SdkException e) {
            LOG.error("AWS call failed while handling a sign-in request", e);
            return SignInAnswer.serviceUnavailable();
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure while handling a sign-in request", e);
            return SignInAnswer.internalError();
        }
    }

    private APIGatewayProxyResponseEvent respond(SignInAnswer answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.putAll(answer.extraHeaders());
        if (corsAllowedOrigin != null) {
            headers.put("Access-Control-Allow-Origin", corsAllowedOrigin);
            headers.put("Access-Control-Allow-Methods", "POST, OPTIONS");
            headers.put("Access-Control-Allow-Headers", "Content-Type");
            headers.put("Access-Control-Expose-Headers", "Retry-After");
            headers.put("Access-Control-Max-Age", "600");
            headers.put("Vary", "Origin");
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(answer.status())
                .withHeaders(headers)
                .withBody(answer.body())
                .withIsBase64Encoded(false);
    }
}
