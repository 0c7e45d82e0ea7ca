package com.example.signin.local.internal;

import com.example.signin.protocol.Sha256;
import com.example.signin.protocol.SaltedHash;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The access key that the user pool's IAM operations ({@code Admin*}, {@code ListUsers}) need,
 * as in Cognito: a request must carry an AWS Signature Version 4 made with this key's secret. The
 * key is made at each start and written only into the owner's 0600 {@code endpoints.json}, so
 * another user of the machine (or a web page) cannot call these operations. The signature is
 * verified in full (canonical request, scope, time), not just the key id in the header.
 */
public final class AdminSignature {

    /** The refusal's Cognito error type and message; the caller answers it with HTTP 403. */
    public record Refusal(String type, String message) {
    }

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "cognito-idp";
    /** As AWS: a signature older or newer than this is refused. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request\\s*,\\s*"
                    + "SignedHeaders=([a-z0-9;_.-]+)\\s*,\\s*Signature=([0-9a-f]{64})\\s*");
    private static final String WHERE = " The user pool's Admin* and ListUsers operations need a SigV4 signature made with the"
            + " accessKeyId and secretAccessKey in the local backend's endpoints.json.";

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;

    public AdminSignature(String accessKeyId, String secretAccessKey, String region) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        this.region = Objects.requireNonNull(region, "region");
    }

    /** A new random key: an id shaped like AWS's ({@code LOCAL} + 15 characters) and a 40-character secret. */
    public static AdminSignature generate(SecureRandom random, String region) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder("LOCAL");
        for (int i = 0; i < 15; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        byte[] secret = new byte[30];
        random.nextBytes(secret);
        return new AdminSignature(id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret), region);
    }

    /**
     * Whether the operation named by an {@code X-Amz-Target} header is one Cognito authorizes with
     * IAM (so a signature with this key is needed): every {@code Admin*} operation and {@code ListUsers}.
     */
    public static boolean isIamOperation(String target) {
        if (target == null || !target.startsWith(UserPoolEndpoint.TARGET_PREFIX)) {
            return false;
        }
        String operation = target.substring(UserPoolEndpoint.TARGET_PREFIX.length());
        return operation.startsWith("Admin") || operation.equals("ListUsers");
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /**
     * Checks the request's signature.
     *
     * @param method  the HTTP method
     * @param rawPath the path as sent (already URI-encoded)
     * @param rawQuery the query as sent, or null
     * @param header  a header's values by name, case-insensitive (empty list when absent)
     * @param body    the request body
     * @param now     the real time (not a test clock: signatures are made with the caller's real clock)
     * @return empty when the signature is good, else why not
     */
    public Optional<Refusal> verify(String method, String rawPath, String rawQuery, Function<String, List<String>> header,
            byte[] body, Instant now) {
        List<String> authorization = header.apply("Authorization");
        if (authorization.isEmpty()) {
            return refuse("MissingAuthenticationTokenException", "The request is not signed.");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.get(0));
        if (authorization.size() != 1 || !m.matches()) {
            return refuse("IncompleteSignatureException", "The Authorization header is not an AWS4-HMAC-SHA256 signature.");
        }
        String keyId = m.group(1);
        String date = m.group(2);
        String scopeRegion = m.group(3);
        String service = m.group(4);
        List<String> signedHeaders = List.of(m.group(5).split(";"));
        String signature = m.group(6);
        if (!SaltedHash.same(keyId, accessKeyId)) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!scopeRegion.equals(region) || !service.equals(SERVICE)) {
            return refuse("InvalidSignatureException", "The credential scope must be " + region + "/" + SERVICE + ".");
        }
        List<String> amzDate = header.apply("X-Amz-Date");
        Instant signedAt;
        try {
            signedAt = amzDate.size() == 1 ? Instant.from(AMZ_DATE.parse(amzDate.get(0).strip())) : null;
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null || !amzDate.get(0).strip().startsWith(date)) {
            return refuse("IncompleteSignatureException", "The request needs one X-Amz-Date matching the credential scope's date.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return refuse("InvalidSignatureException", "Signature expired: the request was signed at " + signedAt
                    + ", more than 15 minutes from now (" + now + ").");
        }
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return refuse("IncompleteSignatureException", "The signature must cover the host and x-amz-date headers.");
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = header.apply(name);
            if (values.isEmpty()) {
                return refuse("IncompleteSignatureException", "The signed header " + name + " is missing.");
            }
            List<String> trimmed = new ArrayList<>();
            for (String value : values) {
                trimmed.add(value.strip().replaceAll("\\s+", " "));
            }
            canonicalHeaders.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        String canonicalRequest = method + "\n" + rawPath + "\n" + canonicalQuery(rawQuery) + "\n" + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n" + hex(Sha256.digest(body));
        String scope = date + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate.get(0).strip() + "\n" + scope + "\n"
                + hex(Sha256.digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        if (!SaltedHash.same(expected, signature)) {
            return refuse("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String type, String sentence) {
        return Optional.of(new Refusal(type, sentence + WHERE));
    }

    /** Parameters sorted by name then value, as sent (the SDKs send them encoded already). */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            sorted.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, values) -> values.stream().sorted().forEach(v -> parts.add(name + "=" + v)));
        return String.join("&", parts);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
