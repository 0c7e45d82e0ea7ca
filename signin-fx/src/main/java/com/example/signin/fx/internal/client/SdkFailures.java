package com.example.signin.fx.internal.client;

import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.protocol.LinkRefusal;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ForbiddenException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** The one place AWS SDK failures become the screens' {@link Problem}s. */
final class SdkFailures {

    private SdkFailures() {
    }

    /** Why the user pool refused a link, in the screens' terms. */
    static SignInException linkFailure(SdkException e) {
        if (e instanceof UserLambdaValidationException lambda) {
            String message = lambda.awsErrorDetails() != null ? lambda.awsErrorDetails().errorMessage() : lambda.getMessage();
            Optional<LinkRefusal> refusal = LinkRefusal.fromMessage(message);
            if (refusal.isPresent()) {
                Problem problem = switch (refusal.get()) {
                    case EXPIRED -> Problem.LINK_EXPIRED;
                    case USED -> Problem.LINK_USED;
                    case SPENT -> Problem.LINK_SPENT;
                    case INVALID -> Problem.LINK_INVALID;
                    case FOREIGN_DEVICE -> Problem.LINK_FOREIGN_DEVICE;
                };
                return new SignInException(problem, "The user pool refused the link: " + refusal.get().code(), e);
            }
            return new SignInException(Problem.UNEXPECTED, "A user pool trigger failed: " + message, e);
        }
        if (e instanceof NotAuthorizedException || e instanceof UserNotFoundException) {
            return new SignInException(Problem.LINK_INVALID, "The user pool did not accept the link ("
                    + ((AwsServiceException) e).awsErrorDetails().errorCode() + ")", e);
        }
        return commonFailure(e, "signing in");
    }

    /**
     * Why the user pool refused a one-time code. The trigger reports it with the link's refusal
     * codes (the code answers the same record): an unknown answer is a wrong code.
     */
    static SignInException codeFailure(SdkException e) {
        SignInException asLink = linkFailure(e);
        Problem problem = switch (asLink.problem()) {
            case LINK_EXPIRED -> Problem.CODE_EXPIRED;
            case LINK_USED -> Problem.CODE_USED;
            case LINK_SPENT -> Problem.CODE_TOO_MANY_TRIES;
            case LINK_INVALID -> Problem.CODE_WRONG;
            case LINK_FOREIGN_DEVICE -> Problem.CODE_FOREIGN_DEVICE;
            default -> asLink.problem();
        };
        return problem == asLink.problem() ? asLink
                : new SignInException(problem, "The user pool refused the code (" + asLink.getMessage() + ")", e);
    }

    /** Network, throttling and service failures of any user pool call. */
    static SignInException commonFailure(SdkException e, String doing) {
        // ForbiddenException: the user pool's WAF, whose only rule is a per-IP rate limit, blocked the call.
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException || e instanceof ForbiddenException) {
            return new SignInException(Problem.RATE_LIMITED, "The user pool throttled " + doing, null, e);
        }
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : "unknown";
            return new SignInException(status >= 500 ? Problem.SERVICE_UNAVAILABLE : Problem.UNEXPECTED,
                    "The user pool failed while " + doing + ": " + status + " " + code, e);
        }
        if (e instanceof SdkClientException) {
            Problem problem = NetworkProblems.classify(e).orElse(Problem.UNREACHABLE);
            return new SignInException(problem, "The user pool cannot be reached while " + doing + ": " + e.getMessage(), e);
        }
        return new SignInException(Problem.UNEXPECTED, "Unexpected failure while " + doing + ": " + e.getMessage(), e);
    }

    /** The message of a service failure as the user pool wrote it. */
    static String serviceMessage(AwsServiceException e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage();
    }
}
