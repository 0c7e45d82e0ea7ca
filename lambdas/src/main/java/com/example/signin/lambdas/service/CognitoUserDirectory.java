package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link UserDirectory} over the Cognito user pool admin API. */
public final class CognitoUserDirectory implements UserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoUserDirectory.class);

    private final CognitoIdentityProviderClient cognito;
    private final SecureRandom random;

    public CognitoUserDirectory(CognitoIdentityProviderClient cognito, SecureRandom random) {
        this.cognito = Objects.requireNonNull(cognito, "cognito");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @throws AmbiguousAccountException when two accounts hold the address: no link goes to either,
     *                                   and the error log names the pool so an operator can act
     */
    @Override
    public Optional<String> findByEmail(String userPoolId, EmailAddress email) {
        List<String> usernames;
        try {
            usernames = cognito.listUsers(b -> b.userPoolId(userPoolId)
                            .filter("email = \"" + escapeFilterValue(email.value()) + "\"")
                            .limit(2))
                    .users().stream()
                    .map(UserType::username)
                    .toList();
        } catch (SdkException e) {
            throw new UserDirectoryException("Cognito ListUsers failed", e);
        }
        if (usernames.size() > 1) {
            LOG.error("Two accounts of pool {} hold one address (at {}): refusing to pick one; accounts {}", userPoolId,
                    email.domain(), usernames);
            throw new AmbiguousAccountException("Two accounts hold this address; refusing to pick one");
        }
        return usernames.stream().findFirst();
    }

    @Override
    public String createConfirmed(String userPoolId, EmailAddress email) {
        String username;
        try {
            username = cognito.adminCreateUser(b -> b.userPoolId(userPoolId)
                    .username(email.value())
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(AttributeType.builder().name("email").value(email.value()).build()))
                    .user().username();
        } catch (UsernameExistsException raced) {
            return findByEmail(userPoolId, email).orElseThrow(() ->
                    new UserDirectoryException("Cognito reports the user exists but ListUsers does not find it", raced));
        } catch (SdkException e) {
            throw new UserDirectoryException("Cognito AdminCreateUser failed", e);
        }
        try {
            // A permanent password nobody knows moves the user from FORCE_CHANGE_PASSWORD to CONFIRMED.
            cognito.adminSetUserPassword(b -> b.userPoolId(userPoolId)
                    .username(username)
                    .password(unusablePassword())
                    .permanent(true));
        } catch (SdkException e) {
            throw new UserDirectoryException("Cognito AdminSetUserPassword failed", e);
        }
        return username;
    }

    @Override
    public void markEmailVerified(String userPoolId, String username) {
        try {
            cognito.adminUpdateUserAttributes(b -> b.userPoolId(userPoolId)
                    .username(username)
                    .userAttributes(AttributeType.builder().name("email_verified").value("true").build()));
        } catch (SdkException e) {
            throw new UserDirectoryException("Cognito AdminUpdateUserAttributes failed", e);
        }
    }

    /** Escapes a value for the double-quoted string of a ListUsers filter. */
    static String escapeFilterValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** 256 random bits plus one character of each class any password policy can ask for. */
    private String unusablePassword() {
        return Secrets.generate(random) + "aA1!";
    }
}
