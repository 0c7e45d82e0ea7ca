package com.example.signin.lambdas.testing;

import com.example.signin.lambdas.service.UserDirectory;
import com.example.signin.lambdas.service.UserDirectoryException;
import com.example.signin.protocol.EmailAddress;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A user pool in a map: email to username. */
public final class InMemoryDirectory implements UserDirectory {

    public final Map<String, String> users = new ConcurrentHashMap<>();
    public final List<String> created = new CopyOnWriteArrayList<>();
    public final List<String> verified = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    public InMemoryDirectory with(String email) {
        users.put(EmailAddress.parse(email).value(), "user-" + users.size());
        return this;
    }

    @Override
    public Optional<String> findByEmail(String userPoolId, EmailAddress email) {
        failIfAsked();
        return Optional.ofNullable(users.get(email.value()));
    }

    @Override
    public String createConfirmed(String userPoolId, EmailAddress email) {
        failIfAsked();
        created.add(email.value());
        return users.computeIfAbsent(email.value(), e -> "user-" + users.size());
    }

    @Override
    public void markEmailVerified(String userPoolId, String username) {
        failIfAsked();
        verified.add(userPoolId + "/" + username);
    }

    private void failIfAsked() {
        if (failing) {
            throw new UserDirectoryException("directory down", new RuntimeException("throttled"));
        }
    }
}
