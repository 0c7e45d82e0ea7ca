package com.example.signin.fx.internal.config;

import com.example.signin.fx.ConfigException;
import com.example.signin.fx.MagicLinkConfig;

import com.example.signin.protocol.ClientConfigKeys;
import com.example.signin.protocol.MagicLinkFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a {@link MagicLinkConfig} from the JSON that {@code cdk deploy --outputs-file} writes
 * ({@code {"StackName": {"userPoolId": ..., ...}}}, keys: protocol's {@link ClientConfigKeys}) or from a flat object with the same keys
 * (the local backend's {@code endpoints.json}). Every problem is reported with the file and the
 * key, in a sentence a person can act on.
 */
public final class ClientConfigReader {

    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern USER_POOL_ID = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    private static final Pattern CLIENT_ID = Pattern.compile("[\\w+]+");

    private final ObjectMapper mapper = new ObjectMapper();

    public MagicLinkConfig read(Path file) throws ConfigException {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConfigException("The configuration file " + file + " is larger than 1 MiB; it is not a CDK outputs file.");
            }
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("The configuration file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new ConfigException("The configuration file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses configuration JSON; {@code source} names it in error messages. */
    public MagicLinkConfig parse(String json, String source) throws ConfigException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("The configuration file " + source + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + "): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("The configuration file " + source + " must hold a JSON object.");
        }
        JsonNode outputs = findOutputs(root, source);
        Map<String, String> values = new java.util.HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : ClientConfigKeys.REQUIRED) {
            JsonNode node = outputs.get(key);
            if (node == null || !node.isTextual() || node.asText().isBlank()) {
                missing.add(key);
            } else {
                values.put(key, node.asText().strip());
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("The configuration file " + source + " lacks " + String.join(", ", missing)
                    + ". Use the file written by 'cdk deploy --outputs-file'.");
        }
        check(REGION.matcher(values.get(ClientConfigKeys.REGION)).matches(), source, ClientConfigKeys.REGION,
                "an AWS region like eu-west-1");
        check(USER_POOL_ID.matcher(values.get(ClientConfigKeys.USER_POOL_ID)).matches(), source, ClientConfigKeys.USER_POOL_ID,
                "a user pool id like eu-west-1_AbC123");
        check(CLIENT_ID.matcher(values.get(ClientConfigKeys.CLIENT_ID)).matches(), source, ClientConfigKeys.CLIENT_ID, "an app client id");
        String apiUrl = stripSlash(values.get(ClientConfigKeys.API_URL));
        String linkBase = stripSlash(values.get(ClientConfigKeys.LINK_BASE));
        String issuer = stripSlash(values.get(ClientConfigKeys.ISSUER));
        Optional<String> cognitoEndpoint = optionalUrl(outputs, ClientConfigKeys.COGNITO_ENDPOINT, source);
        Optional<String> mailboxUrl = optionalUrl(outputs, ClientConfigKeys.MAILBOX_URL, source);
        boolean local = cognitoEndpoint.isPresent();
        checkUrl(apiUrl, source, ClientConfigKeys.API_URL, local);
        checkUrl(issuer, source, ClientConfigKeys.ISSUER, local);
        try {
            new MagicLinkFormat(values.get(ClientConfigKeys.SCHEME), linkBase);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("The configuration file " + source + " has a bad scheme or linkBase: " + e.getMessage(), e);
        }
        return new MagicLinkConfig(values.get(ClientConfigKeys.REGION), values.get(ClientConfigKeys.USER_POOL_ID),
                values.get(ClientConfigKeys.CLIENT_ID), apiUrl, linkBase, issuer, values.get(ClientConfigKeys.SCHEME),
                cognitoEndpoint, mailboxUrl);
    }

    private static JsonNode findOutputs(JsonNode root, String source) throws ConfigException {
        if (root.has(ClientConfigKeys.USER_POOL_ID)) {
            return root;
        }
        List<JsonNode> stacks = new ArrayList<>();
        for (Iterator<JsonNode> it = root.elements(); it.hasNext(); ) {
            JsonNode child = it.next();
            if (child.isObject() && child.has(ClientConfigKeys.USER_POOL_ID)) {
                stacks.add(child);
            }
        }
        if (stacks.size() == 1) {
            return stacks.get(0);
        }
        if (stacks.isEmpty()) {
            throw new ConfigException("The configuration file " + source
                    + " has no userPoolId. Use the file written by 'cdk deploy --outputs-file'.");
        }
        throw new ConfigException("The configuration file " + source
                + " holds the outputs of several stacks; keep only the sign-in stack's.");
    }

    private static Optional<String> optionalUrl(JsonNode outputs, String key, String source) throws ConfigException {
        JsonNode node = outputs.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new ConfigException("The configuration file " + source + " has an empty " + key + ".");
        }
        String url = stripSlash(node.asText().strip());
        checkUrl(url, source, key, true);
        return Optional.of(url);
    }

    private static void checkUrl(String url, String source, String key, boolean allowLoopbackHttp) throws ConfigException {
        try {
            URI uri = new URI(url);
            boolean https = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
            // One rule with the link format (protocol's MagicLinkFormat), which allows [::1] too.
            if (!(https || (allowLoopbackHttp && MagicLinkFormat.isHttpsOrLoopbackHttp(uri)))) {
                throw new ConfigException("The configuration file " + source + " has " + key + " = " + url
                        + "; it must be an https URL.");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("The configuration file " + source + " has " + key + " = " + url
                    + ", which is not a URL.", e);
        }
    }

    private static void check(boolean ok, String source, String key, String what) throws ConfigException {
        if (!ok) {
            throw new ConfigException("The configuration file " + source + " has a " + key + " that is not " + what + ".");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
