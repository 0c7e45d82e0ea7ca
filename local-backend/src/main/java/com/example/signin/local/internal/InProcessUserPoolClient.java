package com.example.signin.local.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the embedded functions' Cognito SDK client: it hands each request, as the SDK
 * marshalled and signed it, straight to this backend's {@link UserPoolEndpoint} and the answer back
 * to the SDK, without a socket, an HTTP server worker and HTTP parsing both ways (a link request
 * makes three such calls). The SDK's AWS JSON 1.1 is the same as over the wire; only the transport
 * is left out. Callers outside the process still go through the HTTP server and its signature check.
 */
final class InProcessUserPoolClient implements SdkHttpClient {

    private final Supplier<UserPoolEndpoint> endpoint;

    /** @param endpoint the pool's endpoint, built after the functions (the pool calls them as triggers) */
    InProcessUserPoolClient(Supplier<UserPoolEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = new byte[0];
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        body = in.readNBytes(UserPoolEndpoint.MAX_BODY_BYTES + 1);
                    }
                }
                UserPoolEndpoint.Answer answer = endpoint.get().handle(
                        request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(null),
                        body.length > UserPoolEndpoint.MAX_BODY_BYTES ? null : body,
                        request.httpRequest().firstMatchingHeader("User-Agent").orElse(null));
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                SdkHttpResponse.Builder response = SdkHttpResponse.builder()
                        .statusCode(answer.status())
                        .putHeader("Content-Type", UserPoolEndpoint.CONTENT_TYPE)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", UUID.randomUUID().toString());
                if (answer.errorType() != null) {
                    response.putHeader("x-amzn-ErrorType", answer.errorType());
                }
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
            }

            @Override
            public void abort() {
                // The call runs on the caller's thread and does not block on I/O: nothing to abort.
            }
        };
    }

    @Override
    public String clientName() {
        return "InProcess";
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
