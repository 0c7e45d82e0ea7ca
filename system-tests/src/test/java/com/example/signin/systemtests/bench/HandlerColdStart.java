package com.example.signin.systemtests.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolCreateAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolVerifyAuthChallengeResponseEvent;
import com.example.signin.lambdas.CreateAuthChallengeHandler;
import com.example.signin.lambdas.DefineAuthChallengeHandler;
import com.example.signin.lambdas.PostAuthenticationHandler;
import com.example.signin.lambdas.PreSignUpHandler;
import com.example.signin.lambdas.SignInApiHandler;
import com.example.signin.lambdas.VerifyAuthChallengeHandler;
import com.example.signin.lambdas.internal.SdkPriming;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Benchmark child, run in a fresh JVM on the shaded {@code lambdas.jar} (plus this class): builds
 * one handler the way Lambda does (no-arg constructor, environment), optionally primes it as a
 * SnapStart checkpoint would, answers one event, then 50 more. Prints one line of figures.
 * {@code HandlerColdStart HANDLER plain|primed}.
 */
public final class HandlerColdStart {

    /** S256 of the verifier "B" x 43. */
    private static final String CHALLENGE = "QS3EbMnjyybyn3wUFcVWNJr2KQTF0VsKLYz9xc-iKzQ";

    private HandlerColdStart() {
    }

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String name = args[0];
        boolean primed = args[1].equals("primed");
        long t0 = System.nanoTime();
        IntFunction<Object> invoke = handler(name);
        long constructed = System.nanoTime();
        long primingNanos = 0;
        if (primed) {
            SdkPriming.primeRegistered();
            primingNanos = System.nanoTime() - constructed;
        }
        long beforeFirst = System.nanoTime();
        invoke.apply(0);
        long first = System.nanoTime() - beforeFirst;
        long sinceJvmStart = System.currentTimeMillis() - jvmStart;
        long[] warm = new long[50];
        for (int i = 0; i < warm.length; i++) {
            long s = System.nanoTime();
            invoke.apply(i + 1);
            warm[i] = System.nanoTime() - s;
        }
        Arrays.sort(warm);
        System.out.printf("RESULT handler=%s mode=%s jvm_to_first_answer_ms=%d init_ms=%.1f priming_ms=%.1f first_answer_ms=%.1f"
                        + " warm_p50_ms=%.2f%n", name, args[1], sinceJvmStart, (constructed - t0) / 1e6, primingNanos / 1e6,
                first / 1e6, warm[warm.length / 2] / 1e6);
        System.exit(0);
    }

    private static IntFunction<Object> handler(String name) {
        String pool = System.getenv("USER_POOL_ID");
        switch (name) {
            case "PreSignUp" -> {
                PreSignUpHandler h = new PreSignUpHandler();
                return i -> {
                    CognitoUserPoolPreSignUpEvent e = new CognitoUserPoolPreSignUpEvent();
                    common(e, "PreSignUp_AdminCreateUser", pool, "u" + i);
                    CognitoUserPoolPreSignUpEvent.Request r = new CognitoUserPoolPreSignUpEvent.Request();
                    r.setUserAttributes(Map.of("email", "user" + i + "@example.com"));
                    e.setRequest(r);
                    e.setResponse(new CognitoUserPoolPreSignUpEvent.Response());
                    return h.handleRequest(e, null);
                };
            }
            case "DefineAuthChallenge" -> {
                DefineAuthChallengeHandler h = new DefineAuthChallengeHandler();
                return i -> {
                    CognitoUserPoolDefineAuthChallengeEvent e = new CognitoUserPoolDefineAuthChallengeEvent();
                    common(e, "DefineAuthChallenge_Authentication", pool, "u" + i);
                    CognitoUserPoolDefineAuthChallengeEvent.Request r = new CognitoUserPoolDefineAuthChallengeEvent.Request();
                    r.setSession(new CognitoUserPoolDefineAuthChallengeEvent.ChallengeResult[0]);
                    r.setUserAttributes(Map.of("email", "user@example.com"));
                    e.setRequest(r);
                    e.setResponse(new CognitoUserPoolDefineAuthChallengeEvent.Response());
                    return h.handleRequest(e, null);
                };
            }
            case "CreateAuthChallenge" -> {
                CreateAuthChallengeHandler h = new CreateAuthChallengeHandler();
                return i -> {
                    CognitoUserPoolCreateAuthChallengeEvent e = new CognitoUserPoolCreateAuthChallengeEvent();
                    common(e, "CreateAuthChallenge_Authentication", pool, "u" + i);
                    CognitoUserPoolCreateAuthChallengeEvent.Request r = new CognitoUserPoolCreateAuthChallengeEvent.Request();
                    r.setChallengeName("CUSTOM_CHALLENGE");
                    r.setSession(new CognitoUserPoolCreateAuthChallengeEvent.ChallengeResult[0]);
                    r.setUserAttributes(Map.of("email", "user@example.com"));
                    e.setRequest(r);
                    e.setResponse(new CognitoUserPoolCreateAuthChallengeEvent.Response());
                    return h.handleRequest(e, null);
                };
            }
            case "VerifyAuthChallenge" -> {
                VerifyAuthChallengeHandler h = new VerifyAuthChallengeHandler();
                return i -> {
                    CognitoUserPoolVerifyAuthChallengeResponseEvent e = new CognitoUserPoolVerifyAuthChallengeResponseEvent();
                    common(e, "VerifyAuthChallengeResponse_Authentication", pool, "u" + i);
                    CognitoUserPoolVerifyAuthChallengeResponseEvent.Request r = new CognitoUserPoolVerifyAuthChallengeResponseEvent.Request();
                    r.setUserAttributes(Map.of("email", "user" + i + "@example.com"));
                    r.setPrivateChallengeParameters(Map.of("method", "MAGIC_LINK"));
                    r.setChallengeAnswer("A".repeat(42) + (char) ('A' + i % 26));
                    r.setClientMetadata(Map.of("codeVerifier", "B".repeat(43)));
                    e.setRequest(r);
                    e.setResponse(new CognitoUserPoolVerifyAuthChallengeResponseEvent.Response());
                    return h.handleRequest(e, null);
                };
            }
            case "PostAuthentication" -> {
                PostAuthenticationHandler h = new PostAuthenticationHandler();
                String user = System.getenv("BENCH_USERNAME");
                return i -> {
                    CognitoUserPoolPostAuthenticationEvent e = new CognitoUserPoolPostAuthenticationEvent();
                    common(e, "PostAuthentication_Authentication", pool, user);
                    CognitoUserPoolPostAuthenticationEvent.Request r = new CognitoUserPoolPostAuthenticationEvent.Request();
                    r.setUserAttributes(Map.of("email", System.getenv("BENCH_EMAIL"), "email_verified", "false"));
                    e.setRequest(r);
                    return h.handleRequest(e, null);
                };
            }
            case "SignInApi" -> {
                SignInApiHandler h = new SignInApiHandler();
                String run = Long.toString(System.nanoTime(), 36);
                return i -> {
                    String body = "{\"email\":\"cold-" + run + "-" + i + "@example.com\",\"codeChallenge\":\"" + CHALLENGE
                            + "\",\"codeChallengeMethod\":\"S256\",\"locale\":\"en\"}";
                    var answer = h.handleRequest(new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(body), null);
                    if (answer.getStatusCode() != 202) {
                        throw new IllegalStateException("The sign-in API answered " + answer.getStatusCode() + ": " + answer.getBody());
                    }
                    return answer;
                };
            }
            default -> throw new IllegalArgumentException("Unknown handler " + name);
        }
    }

    private static void common(com.amazonaws.services.lambda.runtime.events.CognitoUserPoolEvent e, String trigger, String pool,
                               String user) {
        e.setVersion("1");
        e.setTriggerSource(trigger);
        e.setRegion("us-east-1");
        e.setUserPoolId(pool);
        e.setUserName(user);
    }
}
