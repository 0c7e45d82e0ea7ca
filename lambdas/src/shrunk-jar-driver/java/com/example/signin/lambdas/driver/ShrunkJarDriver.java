package com.example.signin.lambdas.driver;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.example.signin.lambdas.CreateAuthChallengeHandler;
import com.example.signin.lambdas.DefineAuthChallengeHandler;
import com.example.signin.lambdas.PostAuthenticationHandler;
import com.example.signin.lambdas.PreSignUpHandler;
import com.example.signin.lambdas.LinkDeliveryHandler;
import com.example.signin.lambdas.MeHandler;
import com.example.signin.lambdas.SignInApiHandler;
import com.example.signin.lambdas.VerifyAuthChallengeHandler;
import com.example.signin.lambdas.internal.AwsClients;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.SdkPriming;
import com.example.signin.lambdas.service.LinkRefusalException;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.UserDirectoryException;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs in a JVM of its own whose class path is only the shrunk Lambda jar, the Lambda runtime's
 * event serializer and this class (compiled against exactly those by {@code ShadedJarIT}).
 * Builds the seven handlers as Lambda does (no-argument constructors, environment variables, the
 * deployment secret from Secrets Manager), primes them as a SnapStart checkpoint would, then drives
 * every AWS SDK operation the code calls for real: DynamoDB against DynamoDB Local
 * ({@code AWS_ENDPOINT_URL_DYNAMODB}, set by the test), Cognito, Secrets Manager and SQS (AWS JSON
 * 1.x) and SES v2 (REST JSON) against JDK HTTP servers started here on 127.0.0.1 and handed to the
 * SDK through its endpoint system properties. The message the sign-in function queues is handed
 * to the delivery function as the SQS event Lambda would deliver. A class or member the
 * shrinker removed from a used path fails a step; the exit code is then not 0.
 *
 * <p>Arguments: the folder of the event fixtures (Cognito and API Gateway event JSON), then
 * optionally {@code smtp}: with {@code MAIL_TRANSPORT=smtp} set, only one sign-in request for
 * {@code carol@example.com} and its delivery, whose mail goes to the SMTP server the test runs
 * (Angus Mail from the shrunk jar).
 */
public final class ShrunkJarDriver {

    private static final String POOL = "eu-west-1_AbCdEf123";
    private static final Pattern APP_LINK = Pattern.compile("https://signin\\.example\\.com/open#[A-Za-z0-9_-]{43}");

    private ShrunkJarDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path events = Path.of(args[0]);
        FakeCognito cognito = new FakeCognito();
        FakeSes ses = new FakeSes();
        FakeSqs sqs = new FakeSqs();
        FakeSecretsManager secrets = FakeSecretsManager.start();
        System.setProperty("aws.endpointUrlCognitoIdentityProvider", cognito.url());
        System.setProperty("aws.endpointUrlSesV2", ses.url());
        System.setProperty("aws.endpointUrlSqs", sqs.url());
        try {
            if (args.length > 1 && args[1].equals("smtp")) {
                runSmtp(events, cognito, sqs);
            } else {
                run(events, cognito, ses, sqs, secrets);
            }
            System.out.println("all steps passed");
        } finally {
            cognito.stop();
            ses.stop();
            sqs.stop();
            secrets.stop();
        }
    }

    private static void run(Path events, FakeCognito cognito, FakeSes ses, FakeSqs sqs, FakeSecretsManager secrets)
            throws Exception {
        PreSignUpHandler preSignUp = new PreSignUpHandler();
        DefineAuthChallengeHandler define = new DefineAuthChallengeHandler();
        CreateAuthChallengeHandler create = new CreateAuthChallengeHandler();
        VerifyAuthChallengeHandler verify = new VerifyAuthChallengeHandler();
        PostAuthenticationHandler post = new PostAuthenticationHandler();
        SignInApiHandler api = new SignInApiHandler();
        LinkDeliveryHandler delivery = new LinkDeliveryHandler();
        MeHandler me = new MeHandler();
        step("handlers built from the environment");
        check(secrets.reads() == 3, "the deployment secret is read once by each of verify, sign-in and delivery, not "
                + secrets.reads() + " times");
        step("deployment secret read from Secrets Manager (GetSecretValue)");

        int primed = SdkPriming.primeRegistered();
        check(primed == 8, "priming completes 8 requests (verify: DynamoDB; post authentication: Cognito;"
                + " sign-in API: DynamoDB, SQS; delivery: DynamoDB, Cognito, SES; me: Cognito GetUser), not " + primed);
        check(cognito.targets.isEmpty() && ses.paths.isEmpty() && sqs.bodies.isEmpty(), "priming sends nothing");
        step("SnapStart priming ran every client's request path without a network call");

        // CreateTable, DescribeTable, DescribeTimeToLive, UpdateTimeToLive, as the local backend does.
        LinkStore.createTable(new AwsClients(Environment.system()).dynamo(), System.getenv("LINK_TABLE"));
        step("link table created with TTL");

        CognitoUserPoolPreSignUpEvent adminCreated = invoke(preSignUp,
                read(events, "pre-sign-up-admin-create-user.json"), CognitoUserPoolPreSignUpEvent.class);
        check(adminCreated.getResponse() != null, "pre sign-up answers AdminCreateUser");
        expectFailure(() -> invoke(preSignUp, read(events, "pre-sign-up-sign-up.json"), CognitoUserPoolPreSignUpEvent.class),
                "public SignUp");
        step("pre sign-up allows AdminCreateUser and refuses SignUp");

        String defined = invokeToJson(define, read(events, "define-auth-challenge.json"), CognitoUserPoolDefineAuthChallengeEvent.class);
        check(defined.contains("CUSTOM_CHALLENGE"), "define auth challenge asks for the custom challenge: " + defined);
        String created = invokeToJson(create, read(events, "create-auth-challenge.json"), CognitoUserPoolCreateAuthChallengeEvent.class);
        check(created.contains("MAGIC_LINK"), "create auth challenge names MAGIC_LINK: " + created);
        step("define and create auth challenge answer");

        // The request path: conditional PutItem (cooldown), UpdateItem with a failed condition then PutItem (budget), SendMessage.
        String verifier = Secrets.generate(new SecureRandom());
        String alice = "alice@example.com";
        int status = signIn(api, events, alice, CodeChallenge.s256(verifier));
        check(status == 202, "a first request is accepted, not " + status);
        check(cognito.targets.isEmpty() && ses.paths.isEmpty(), "the request path looks nothing up and sends nothing");
        check(sqs.bodies.size() == 1, "one message queued: " + sqs.bodies);
        step("sign-in request: cooldown and budget written, request queued (SQS SendMessage)");

        // The worker: PutItem (claim), ListUsers, AdminCreateUser, AdminSetUserPassword, PutItem, Query, SendEmail.
        check(deliver(delivery, sqs.bodies.get(0)) == 0, "the delivery succeeds");
        check(cognito.targets.equals(List.of("ListUsers", "AdminCreateUser", "AdminSetUserPassword")),
                "a new account is created: " + cognito.targets);
        check(ses.paths.equals(List.of("POST /v2/email/outbound-emails")), "one SendEmail: " + ses.paths);
        Matcher link = APP_LINK.matcher(ses.bodies.get(0));
        check(link.find(), "the mail holds the sign-in link (LINK_STYLE page, the default)");
        String secret = new MagicLinkFormat("com.example.signin", "https://signin.example.com").parseSecret(link.group());
        check(deliver(delivery, sqs.bodies.get(0)) == 0 && ses.paths.size() == 1, "a redelivered message sends no second mail");
        step("delivery for a new address: account created, link mailed through SES, once");

        // PutItem whose condition fails, with the old item returned: 429.
        status = signIn(api, events, alice, CodeChallenge.s256(verifier));
        check(status == 429, "a second request within the cooldown gets 429, not " + status);
        step("second request within the cooldown refused");

        // Query: a made-up answer changes nothing. Query, conditional UpdateItem: the right answer, once.
        check(!answer(verify, alice, Secrets.generate(new SecureRandom()), verifier), "a made-up secret is not correct");
        check(answer(verify, alice, secret, verifier), "the mailed secret with its verifier is correct");
        // UpdateItem ADD with UPDATED_NEW: the refused reuse counts.
        expectFailure(() -> answer(verify, alice, secret, verifier), "the same link a second time");
        step("verify auth challenge: made-up answer ignored, right answer signs in once, reuse refused and counted");

        String bob = "bob@example.com";
        cognito.users.add(bob);
        String bobVerifier = Secrets.generate(new SecureRandom());
        check(signIn(api, events, bob, CodeChallenge.s256(bobVerifier)) == 202, "an existing account's request is accepted");
        check(deliver(delivery, sqs.bodies.get(sqs.bodies.size() - 1)) == 0, "bob's delivery succeeds");
        Matcher bobLink = APP_LINK.matcher(ses.bodies.get(ses.bodies.size() - 1));
        check(bobLink.find(), "bob's mail holds the sign-in link");
        for (int i = 0; i < 3; i++) {
            answer(verify, bob, Secrets.generate(new SecureRandom()), bobVerifier);
        }
        String bobSecret = bobLink.group().substring(bobLink.group().indexOf('#') + 1);
        check(answer(verify, bob, bobSecret, bobVerifier), "made-up answers leave the owner's link working");
        step("existing account: link mailed; made-up answers do not burn it");

        // SES error response (MessageRejected): the record and the claim go (DeleteItem), the message is reported failed.
        cognito.users.add("bounce@example.com");
        check(signIn(api, events, "bounce@example.com", CodeChallenge.s256(verifier)) == 202, "a request for a bouncing address is 202");
        String bounce = sqs.bodies.get(sqs.bodies.size() - 1);
        int before = cognito.targets.size();
        check(deliver(delivery, bounce) == 1, "a rejected mail is a batch item failure, so SQS retries it");
        check(deliver(delivery, bounce) == 1, "the retry tries again (the claim was given back)");
        check(cognito.targets.size() == before + 2, "each try looked the account up");
        step("SES error unmarshalled: message failed for a retry, nothing left behind");

        // AdminUpdateUserAttributes, then a Cognito error response (UserNotFoundException).
        String postEvent = read(events, "post-authentication.json");
        invoke(post, postEvent, CognitoUserPoolPostAuthenticationEvent.class);
        check(cognito.targets.get(cognito.targets.size() - 1).equals("AdminUpdateUserAttributes"), "email marked verified");
        expectFailure(() -> invoke(post, postEvent.replace("7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f", "gone"),
                CognitoUserPoolPostAuthenticationEvent.class), "an unknown user");
        step("post authentication marks the email verified; a Cognito error is unmarshalled");

        // GetUser (authorised by the token, unsigned), then the NotAuthorizedException of a signed-out token.
        String meEvent = read(events, "api-gateway-me.json");
        APIGatewayProxyResponseEvent meAnswer = callMe(me, meEvent);
        check(meAnswer.getStatusCode() == 200 && meAnswer.getBody().contains("\"email\":\"dave@example.com\""),
                "GET /me answers the account: " + meAnswer.getBody());
        check(cognito.targets.get(cognito.targets.size() - 1).equals("GetUser"), "GET /me asked GetUser");
        check(callMe(me, meEvent.replace(".c2lnbmF0dXJl", ".c2lnbmVkLW91dA")).getStatusCode() == 401, "a signed-out token is 401");
        step("GET /me: GetUser answers email and sub; a signed-out token is refused");
    }

    private static void runSmtp(Path events, FakeCognito cognito, FakeSqs sqs) throws Exception {
        SignInApiHandler api = new SignInApiHandler();
        LinkDeliveryHandler delivery = new LinkDeliveryHandler();
        LinkStore.createTable(new AwsClients(Environment.system()).dynamo(), System.getenv("LINK_TABLE"));
        int status = signIn(api, events, "carol@example.com", CodeChallenge.s256(Secrets.generate(new SecureRandom())));
        check(status == 202, "a request with MAIL_TRANSPORT=smtp is accepted, not " + status);
        check(deliver(delivery, sqs.bodies.get(0)) == 0, "the delivery succeeds");
        check(cognito.targets.contains("AdminCreateUser"), "the account was created: " + cognito.targets);
        step("sign-in request with MAIL_TRANSPORT=smtp: link mailed over SMTP by the delivery function");
    }

    /** Hands one queued message to the delivery function as Lambda's SQS event; the number of failed messages. */
    private static int deliver(LinkDeliveryHandler delivery, String body) {
        String json = "{\"Records\":[{\"messageId\":\"" + java.util.UUID.randomUUID() + "\",\"receiptHandle\":\"r\","
                + "\"body\":" + FakeSqs.quote(body) + ",\"attributes\":{\"ApproximateReceiveCount\":\"1\"},"
                + "\"messageAttributes\":{},\"md5OfBody\":\"" + FakeSqs.md5(body) + "\",\"eventSource\":\"aws:sqs\","
                + "\"eventSourceARN\":\"arn:aws:sqs:eu-west-1:000000000000:links\",\"awsRegion\":\"eu-west-1\"}]}";
        PojoSerializer<SQSEvent> in = LambdaEventSerializers.serializerFor(SQSEvent.class, ShrunkJarDriver.class.getClassLoader());
        SQSBatchResponse response = delivery.handleRequest(in.fromJson(json), null);
        PojoSerializer<SQSBatchResponse> out = LambdaEventSerializers.serializerFor(SQSBatchResponse.class,
                ShrunkJarDriver.class.getClassLoader());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.toJson(response, bytes);
        check(bytes.toString(StandardCharsets.UTF_8).contains("batchItemFailures"), "the batch response serialises as the runtime sends it");
        return response.getBatchItemFailures().size();
    }

    // --- Driving the handlers as the Lambda runtime does: JSON in, JSON out -------------------

    private static <T> T invoke(com.amazonaws.services.lambda.runtime.RequestHandler<T, T> handler, String json, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, ShrunkJarDriver.class.getClassLoader());
        return handler.handleRequest(serializer.fromJson(json), null);
    }

    private static <T> String invokeToJson(com.amazonaws.services.lambda.runtime.RequestHandler<T, T> handler, String json, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, ShrunkJarDriver.class.getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(handler.handleRequest(serializer.fromJson(json), null), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static APIGatewayProxyResponseEvent callMe(MeHandler me, String json) {
        PojoSerializer<APIGatewayProxyRequestEvent> in = LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, ShrunkJarDriver.class.getClassLoader());
        return me.handleRequest(in.fromJson(json), null);
    }

    private static int signIn(SignInApiHandler api, Path events, String email, String challenge) throws IOException {
        String body = "{\\\"email\\\":\\\"" + email + "\\\",\\\"codeChallenge\\\":\\\"" + challenge
                + "\\\",\\\"codeChallengeMethod\\\":\\\"S256\\\",\\\"locale\\\":\\\"en\\\"}";
        String json = read(events, "api-gateway-signin.json").replaceFirst("\"body\": \".*\",",
                Matcher.quoteReplacement("\"body\": \"" + body + "\","));
        PojoSerializer<APIGatewayProxyRequestEvent> in = LambdaEventSerializers.serializerFor(
                APIGatewayProxyRequestEvent.class, ShrunkJarDriver.class.getClassLoader());
        PojoSerializer<APIGatewayProxyResponseEvent> out = LambdaEventSerializers.serializerFor(
                APIGatewayProxyResponseEvent.class, ShrunkJarDriver.class.getClassLoader());
        APIGatewayProxyResponseEvent response = api.handleRequest(in.fromJson(json), null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        out.toJson(response, bytes);
        check(bytes.toString(StandardCharsets.UTF_8).contains("\"statusCode\""),
                "the response serialises as the runtime sends it");
        return response.getStatusCode();
    }

    private static boolean answer(VerifyAuthChallengeHandler verify, String email, String secret, String verifier) {
        String json = "{\"version\":\"1\",\"region\":\"eu-west-1\",\"userPoolId\":\"" + POOL + "\",\"userName\":\"" + email + "\","
                + "\"callerContext\":{\"awsSdkVersion\":\"aws-sdk-java-2.40.2\",\"clientId\":\"4example5client6id7abcdefgh\"},"
                + "\"triggerSource\":\"VerifyAuthChallengeResponse_Authentication\","
                + "\"request\":{\"userAttributes\":{\"email\":\"" + email + "\",\"email_verified\":\"false\"},"
                + "\"privateChallengeParameters\":{},\"challengeAnswer\":\"" + secret + "\","
                + "\"clientMetadata\":{\"codeVerifier\":\"" + verifier + "\"},\"userNotFound\":false},"
                + "\"response\":{\"answerCorrect\":null}}";
        return invoke(verify, json, CognitoUserPoolVerifyAuthChallengeResponseEvent.class).getResponse().getAnswerCorrect();
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void expectFailure(Call call, String what) throws Exception {
        try {
            call.run();
        } catch (LinkRefusalException | UserDirectoryException | com.example.signin.lambdas.SignUpRefusedException expected) {
            return;
        }
        throw new AssertionError(what + " should have failed the invocation");
    }

    private static String read(Path events, String name) throws IOException {
        return Files.readString(events.resolve(name), StandardCharsets.UTF_8);
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void step(String what) {
        System.out.println("ok: " + what);
    }

    // --- Fake services ------------------------------------------------------------------------

    /** Cognito user pool admin API, AWS JSON 1.1: ListUsers, AdminCreateUser, AdminSetUserPassword, AdminUpdateUserAttributes. */
    private static final class FakeCognito extends Fake {
        final List<String> targets = new CopyOnWriteArrayList<>();
        final Set<String> users = ConcurrentHashMap.newKeySet();

        FakeCognito() throws IOException {
        }

        @Override
        Answer answer(HttpExchange exchange, String body) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            targets.add(operation);
            switch (operation) {
                case "ListUsers": {
                    String found = users.stream().filter(body::contains).findFirst().orElse(null);
                    return json(200, found == null ? "{\"Users\":[]}" : "{\"Users\":[" + user(found) + "]}");
                }
                case "AdminCreateUser": {
                    String name = field(body, "Username");
                    users.add(name);
                    return json(200, "{\"User\":" + user(name) + "}");
                }
                case "AdminSetUserPassword":
                    return json(200, "{}");
                case "GetUser":
                    return body.contains("c2lnbmVkLW91dA")
                            ? error(400, "NotAuthorizedException", "Access Token has been revoked")
                            : json(200, "{\"Username\":\"7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f\",\"UserAttributes\":["
                                    + "{\"Name\":\"sub\",\"Value\":\"7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f\"},"
                                    + "{\"Name\":\"email\",\"Value\":\"dave@example.com\"}]}");
                case "AdminUpdateUserAttributes":
                    return field(body, "Username").equals("gone")
                            ? error(400, "UserNotFoundException", "User does not exist.")
                            : json(200, "{}");
                default:
                    return error(400, "InvalidParameterException", "unexpected operation " + operation);
            }
        }

        private static String user(String name) {
            return "{\"Username\":\"" + name + "\",\"Attributes\":[{\"Name\":\"email\",\"Value\":\"" + name + "\"}],"
                    + "\"UserCreateDate\":1.7672E9,\"UserLastModifiedDate\":1.7672E9,\"Enabled\":true,\"UserStatus\":\"CONFIRMED\"}";
        }

        private static Answer error(int status, String type, String message) {
            return new Answer(status, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", type),
                    "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }
    }

    /** SES v2 SendEmail, REST JSON; mail to bounce@example.com is rejected. */
    private static final class FakeSes extends Fake {
        final List<String> paths = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        FakeSes() throws IOException {
        }

        @Override
        Answer answer(HttpExchange exchange, String body) {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            bodies.add(body);
            if (body.contains("bounce@example.com")) {
                return new Answer(400, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "MessageRejected"),
                        "{\"message\":\"Email address is on the suppression list.\"}");
            }
            return json(200, "{\"MessageId\":\"0100018c-example\"}");
        }
    }

    /** SQS SendMessage, AWS JSON 1.0 (with the MD5 of the body the SDK checks). */
    private static final class FakeSqs extends Fake {
        final List<String> bodies = new CopyOnWriteArrayList<>();

        FakeSqs() throws IOException {
        }

        @Override
        Answer answer(HttpExchange exchange, String body) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"AmazonSQS.SendMessage".equals(target)) {
                return new Answer(400, Map.of("Content-Type", "application/x-amz-json-1.0"),
                        "{\"__type\":\"com.amazonaws.sqs#InvalidAction\",\"message\":\"unexpected " + target + "\"}");
            }
            Matcher m = Pattern.compile("\"MessageBody\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
            check(m.find(), "SendMessage carries a body");
            String message = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            bodies.add(message);
            return new Answer(200, Map.of("Content-Type", "application/x-amz-json-1.0"),
                    "{\"MessageId\":\"" + java.util.UUID.randomUUID() + "\",\"MD5OfMessageBody\":\"" + md5(message) + "\"}");
        }

        static String md5(String text) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
                StringBuilder hex = new StringBuilder();
                for (byte b : digest) {
                    hex.append(String.format("%02x", b));
                }
                return hex.toString();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static String quote(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    private abstract static class Fake {
        record Answer(int status, Map<String, String> headers, String body) {
        }

        private final HttpServer server;

        Fake() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        abstract Answer answer(HttpExchange exchange, String body);

        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }

        static String field(String json, String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            return m.find() ? m.group(1) : "";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            try {
                answer = answer(exchange, body);
            } catch (RuntimeException e) {
                answer = new Answer(500, Map.of("Content-Type", "text/plain"), e.toString());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
