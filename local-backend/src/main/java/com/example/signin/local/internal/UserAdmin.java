package com.example.signin.local.internal;

import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's user operations: SignUp (with the PreSignUp trigger), AdminCreateUser, AdminGetUser,
 * AdminSetUserPassword, AdminUpdateUserAttributes and ListUsers.
 */
public final class UserAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(UserAdmin.class);

    private final UserStore store;
    private final PoolIds ids;
    private final TriggerEvents triggers;
    private final Clock clock;
    /** Read-modify-write of one user happens under it, so two concurrent updates do not lose one. */
    private final Object updates = new Object();

    UserAdmin(UserStore store, TriggerEvents triggers, Clock clock) {
        this.store = store;
        this.ids = store.ids();
        this.triggers = triggers;
        this.clock = clock;
    }

    public ObjectNode signUp(JsonNode request, UserPool.Caller caller) {
        String clientId = ids.requireClient(request);
        String username = AwsJson.requireText(request, "Username");
        String password = AwsJson.requireText(request, "Password");
        Map<String, String> attributes = AwsJson.attributeMap(request.path("UserAttributes"));
        String email = emailUsername(username);
        checkPassword(password);
        attributes.put("email", email);
        PoolUser user = create(email, attributes, "UNCONFIRMED", "PreSignUp_SignUp", clientId,
                AwsJson.stringMap(request.path("ClientMetadata")), AwsJson.stringMap(request.path("ValidationData")), caller);
        ObjectNode result = Json.object();
        result.put("UserConfirmed", "CONFIRMED".equals(user.status));
        result.put("UserSub", user.attributes.get("sub"));
        return result;
    }

    public ObjectNode adminCreateUser(JsonNode request, UserPool.Caller caller) {
        ids.requirePool(request);
        String username = AwsJson.requireText(request, "Username");
        Map<String, String> attributes = AwsJson.attributeMap(request.path("UserAttributes"));
        String email = emailUsername(username);
        String action = AwsJson.text(request, "MessageAction");
        if (action != null && !action.equals("SUPPRESS") && !action.equals("RESEND")) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + action
                    + "' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        if ("RESEND".equals(action)) {
            PoolUser existing = store.find(email).orElseThrow(CognitoException::userNotFound);
            return userResult("User", existing);
        }
        attributes.put("email", email);
        PoolUser user = create(email, attributes, "FORCE_CHANGE_PASSWORD", "PreSignUp_AdminCreateUser",
                "CLIENT_ID_NOT_APPLICABLE", AwsJson.stringMap(request.path("ClientMetadata")),
                AwsJson.stringMap(request.path("ValidationData")), caller);
        return userResult("User", user);
    }

    private PoolUser create(String email, Map<String, String> attributes, String status, String triggerSource,
                            String clientId, Map<String, String> clientMetadata, Map<String, String> validationData,
                            UserPool.Caller caller) {
        if (store.find(email).isPresent()) {
            throw usernameExists();
        }
        String sub = UUID.randomUUID().toString();
        ObjectNode request = Json.object();
        request.set("userAttributes", Json.MAPPER.valueToTree(new LinkedHashMap<>(attributes)));
        request.set("validationData", validationData.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.valueToTree(validationData));
        request.set("clientMetadata", Json.MAPPER.valueToTree(clientMetadata));
        ObjectNode response = Json.object();
        response.put("autoConfirmUser", false);
        response.put("autoVerifyEmail", false);
        response.put("autoVerifyPhone", false);
        Optional<JsonNode> answered = triggers.run(Triggers.PRE_SIGN_UP, triggerSource, sub, clientId, request, response, caller);
        boolean autoConfirm = answered.map(a -> a.path("response").path("autoConfirmUser").asBoolean(false)).orElse(false);
        boolean autoVerify = answered.map(a -> a.path("response").path("autoVerifyEmail").asBoolean(false)).orElse(false);

        PoolUser user = new PoolUser();
        user.username = sub;
        user.attributes.put("sub", sub);
        user.attributes.putAll(attributes);
        user.attributes.put("sub", sub);
        user.attributes.putIfAbsent("email_verified", "false");
        if (autoVerify) {
            user.attributes.put("email_verified", "true");
        }
        user.status = autoConfirm && status.equals("UNCONFIRMED") ? "CONFIRMED" : status;
        user.createdEpochMillis = clock.millis();
        user.modifiedEpochMillis = user.createdEpochMillis;
        // Checked again by the store itself: two concurrent sign-ups of one address make one user.
        if (!store.add(user)) {
            throw usernameExists();
        }
        LOG.info("User created: {}", email);
        return user;
    }

    public ObjectNode adminGetUser(JsonNode request) {
        ids.requirePool(request);
        PoolUser user = store.find(AwsJson.requireText(request, "Username")).orElseThrow(CognitoException::userNotFound);
        return describe(Json.object(), user, "UserAttributes", null);
    }

    public ObjectNode adminSetUserPassword(JsonNode request) {
        ids.requirePool(request);
        String username = AwsJson.requireText(request, "Username");
        String password = AwsJson.requireText(request, "Password");
        checkPassword(password);
        boolean permanent = request.path("Permanent").asBoolean(false);
        synchronized (updates) {
            PoolUser user = store.find(username).orElseThrow(CognitoException::userNotFound);
            // No password flow is enabled on the client, so the password itself is never kept.
            user.status = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
            user.modifiedEpochMillis = clock.millis();
            store.replace(user);
        }
        return Json.object();
    }

    public ObjectNode adminUpdateUserAttributes(JsonNode request) {
        ids.requirePool(request);
        String username = AwsJson.requireText(request, "Username");
        if (!request.path("UserAttributes").isArray()) {
            throw CognitoException.missing("userAttributes");
        }
        Map<String, String> changes = AwsJson.attributeMap(request.path("UserAttributes"));
        if (changes.containsKey("sub")) {
            throw CognitoException.invalidParameter("Cannot modify an immutable attribute: sub");
        }
        synchronized (updates) {
            PoolUser user = store.find(username).orElseThrow(CognitoException::userNotFound);
            if (changes.containsKey("email")) {
                String email = emailUsername(changes.get("email"));
                Optional<PoolUser> other = store.find(email);
                if (other.isPresent() && !other.get().username.equals(user.username)) {
                    throw aliasExists();
                }
                changes.put("email", email);
                if (!email.equals(user.email())) {
                    user.attributes.put("email_verified", "false");
                }
            }
            if (changes.containsKey("email_verified") && !List.of("true", "false").contains(changes.get("email_verified"))) {
                throw CognitoException.invalidParameter("Invalid value for email_verified: it must be true or false.");
            }
            user.attributes.putAll(changes);
            user.modifiedEpochMillis = clock.millis();
            if (!store.replace(user)) {
                throw aliasExists();
            }
        }
        return Json.object();
    }

    public ObjectNode listUsers(JsonNode request) {
        ids.requirePool(request);
        UserFilter filter = UserFilter.parse(AwsJson.text(request, "Filter"));
        int limit = request.path("Limit").asInt(60);
        if (limit < 0 || limit > 60) {
            throw CognitoException.invalidParameter("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60");
        }
        if (limit == 0) {
            limit = 60;
        }
        List<String> wanted = null;
        if (request.path("AttributesToGet").isArray()) {
            wanted = new ArrayList<>();
            for (JsonNode n : request.path("AttributesToGet")) {
                wanted.add(n.asText());
            }
        }
        List<PoolUser> found;
        if (filter == null) {
            found = store.users(u -> true, limit);
        } else if (filter.namesOneUser()) {
            // The lambdas look every address up this way: an index lookup, not a scan of the pool.
            found = store.find(filter.value()).filter(filter).map(List::of).orElse(List.of());
        } else {
            found = store.users(filter, limit);
        }
        ObjectNode result = Json.object();
        ArrayNode users = result.putArray("Users");
        for (PoolUser user : found) {
            describe(users.addObject(), user, "Attributes", wanted);
        }
        return result;
    }

    private static ObjectNode userResult(String field, PoolUser user) {
        ObjectNode result = Json.object();
        describe(result.putObject(field), user, "Attributes", null);
        return result;
    }

    /**
     * A user as Cognito describes one, into {@code target}: AdminGetUser names the attributes
     * {@code UserAttributes}, ListUsers and AdminCreateUser {@code Attributes}.
     *
     * @param wanted the attributes to list, or {@code null} for all
     */
    private static ObjectNode describe(ObjectNode target, PoolUser user, String attributesField, List<String> wanted) {
        target.put("Username", user.username);
        target.set(attributesField, attributeList(user, wanted));
        target.put("UserCreateDate", user.createdEpochMillis / 1000.0);
        target.put("UserLastModifiedDate", user.modifiedEpochMillis / 1000.0);
        target.put("Enabled", user.enabled);
        target.put("UserStatus", user.status);
        return target;
    }

    static ArrayNode attributeList(PoolUser user, List<String> wanted) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        user.attributes.forEach((name, value) -> {
            if (wanted == null || wanted.contains(name)) {
                ObjectNode a = list.addObject();
                a.put("Name", name);
                a.put("Value", value);
            }
        });
        return list;
    }

    /** The pool's username attribute is the email: the same rule and normal form as everywhere ({@link EmailAddress}). */
    private static String emailUsername(String given) {
        try {
            return EmailAddress.parse(given).value();
        } catch (InvalidEmailException e) {
            throw CognitoException.invalidParameter("Username should be an email.");
        }
    }

    private static void checkPassword(String password) {
        if (password.length() < 8) {
            throw new CognitoException("InvalidPasswordException",
                    "Password did not conform with policy: Password not long enough");
        }
    }

    private static CognitoException usernameExists() {
        return new CognitoException("UsernameExistsException", "An account with the given email already exists.");
    }

    private static CognitoException aliasExists() {
        return new CognitoException("AliasExistsException", "An account with the given email already exists.");
    }
}
