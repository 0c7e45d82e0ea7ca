package com.example.signin.lambdas.service;

import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.OneTimeCode;
import com.example.signin.protocol.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The delivery worker (DESIGN.md step 3): for one queued {@link LinkRequest}, find or create the
 * account, write the device's record (the keyed hashes of the link's secret and of its one-time code), keep the address's pending links under the cap, compose and
 * send the mail. The same class runs in the AWS worker function (SQS) and the local backend's
 * worker thread.
 *
 * <p>At most one mail per message: a delivery first claims the message id with a conditional
 * write; a redelivered or retried message whose id is claimed does nothing. A failure known to
 * have happened before any mail left (directory, store, or the mail provider refusing) removes the
 * record and gives the claim back, then throws, so the queue retries. A process that dies between
 * the claim and the send leaves the message claimed: it is not sent twice, and the person asks
 * again once the cooldown ends.
 */
public final class LinkDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(LinkDelivery.class);

    private final MagicLinkSettings settings;
    private final LinkKeys keys;
    private final LinkStore store;
    private final UserDirectory directory;
    private final Mailer mailer;
    private final MailComposer composer = new MailComposer();
    private final Clock clock;
    private final SecureRandom random;

    public LinkDelivery(MagicLinkSettings settings, LinkKeys keys, LinkStore store, UserDirectory directory, Mailer mailer,
                        Clock clock, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.store = Objects.requireNonNull(store, "store");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Delivers one request; returns normally when it is done (sent, or nothing to send).
     *
     * @throws DeliveryFailedException when a retry may succeed (nothing was sent)
     */
    public void deliver(LinkRequest request) {
        Instant now = clock.instant();
        if (!store.claimDelivery(request.messageId(), now)) {
            LOG.info("{} was delivered before; nothing to do", request);
            return;
        }
        EmailAddress email = EmailAddress.parse(request.email());
        LinkRecord record = null;
        try {
            if (!mayReceiveLink(email)) {
                LOG.info("Sign-up closed for this address; nothing sent for {}", request);
                return;
            }
            String secret = Secrets.generate(random);
            String emailKey = keys.address(email);
            String code = OneTimeCode.derive(secret);
            record = LinkRecord.issued(emailKey, request.deviceKey(), keys.secretHash(secret), keys.codeHash(code),
                    request.challenge(), request.requestedAt(), request.requestedAt() + settings.linkExpiry().toSeconds());
            store.put(record);
            int dropped = store.keepNewest(emailKey, settings.pendingLinksPerAddress());
            mailer.send(composer.compose(email.value(), link(secret), code, settings.linkExpiry(), request.locale()));
            LOG.info("Sign-in link sent for {}: {}; {} older pending link(s) of this address dropped (cap {})", request, record,
                    dropped, settings.pendingLinksPerAddress());
        } catch (AmbiguousAccountException e) {
            // Not retried: an operator has to untangle the accounts (CognitoUserDirectory logged them).
            LOG.error("Nothing sent for {}: {}", request, e.getMessage());
        } catch (MailDeliveryException | UserDirectoryException | SdkException e) {
            if (record != null) {
                store.deleteIfCurrent(record);
            }
            store.releaseDelivery(request.messageId());
            throw new DeliveryFailedException("Could not deliver " + request + "; it will be retried", e);
        }
    }

    private boolean mayReceiveLink(EmailAddress email) {
        if (directory.findByEmail(settings.userPoolId(), email).isPresent()) {
            return true;
        }
        if (!settings.signUpPolicy().allowsNewAccount(email)) {
            return false;
        }
        directory.createConfirmed(settings.userPoolId(), email);
        LOG.info("Account created for a new address at {}", email.domain());
        return true;
    }

    private String link(String secret) {
        return settings.linkStyle() == LinkStyle.PAGE
                ? settings.linkFormat().pageLink(secret)
                : settings.linkFormat().appLink(secret);
    }

    /** A delivery that failed before any mail left; the queue should retry it. */
    public static final class DeliveryFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
