package com.example.signin.lambdas;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.internal.LambdaWiring;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.InvalidEmailException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;

/**
 * Pre sign-up trigger: accounts are only made server-side. The public {@code SignUp} call is
 * refused; {@code AdminCreateUser} (the sign-in API, or an administrator inviting someone) is
 * allowed when the address's domain is allowed. Reads {@code SIGN_UP_MODE} and
 * {@code ALLOWED_EMAIL_DOMAINS}.
 */
public final class PreSignUpHandler implements RequestHandler<CognitoUserPoolPreSignUpEvent, CognitoUserPoolPreSignUpEvent> {

    static final String ADMIN_CREATE_USER = "PreSignUp_AdminCreateUser";
    static final String SELF_SIGN_UP_REFUSED =
            "Accounts cannot be created with SignUp. Ask for a sign-in link in the app; the account is created then.";
    static final String DOMAIN_REFUSED = "Accounts for this email domain are not allowed here.";
    static final String NO_EMAIL = "An account needs a valid email address.";

    private static final Logger LOG = LoggerFactory.getLogger(PreSignUpHandler.class);

    private final SignUpPolicy policy;

    public PreSignUpHandler() {
        this(LambdaWiring.signUpPolicy(Environment.system()));
    }

    public PreSignUpHandler(SignUpPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Builds the handler from {@code SIGN_UP_MODE} and {@code ALLOWED_EMAIL_DOMAINS} in {@code environment}. */
    public static PreSignUpHandler create(Map<String, String> environment) {
        return new PreSignUpHandler(LambdaWiring.signUpPolicy(new Environment(environment)));
    }

    @Override
    public CognitoUserPoolPreSignUpEvent handleRequest(CognitoUserPoolPreSignUpEvent event, Context context) {
        if (!ADMIN_CREATE_USER.equals(event.getTriggerSource())) {
            LOG.info("Refused sign-up from {}", event.getTriggerSource());
            throw new SignUpRefusedException(SELF_SIGN_UP_REFUSED);
        }
        Map<String, String> attributes = event.getRequest() == null ? null : event.getRequest().getUserAttributes();
        String raw = attributes == null ? null : attributes.get("email");
        EmailAddress email;
        try {
            email = EmailAddress.parse(raw != null ? raw : event.getUserName());
        } catch (InvalidEmailException e) {
            throw new SignUpRefusedException(NO_EMAIL);
        }
        if (!policy.allowsDomainOf(email)) {
            LOG.info("Refused an account at {}", email.domain());
            throw new SignUpRefusedException(DOMAIN_REFUSED);
        }
        return event;
    }
}
