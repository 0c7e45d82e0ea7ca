package com.example.signin.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.desktop.api.MeClient;
import com.example.signin.fx.Session;
import com.example.signin.fx.UiLanguage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The signed-in screen's sentence about what the API answered, for each answer, and never a stale one. */
class WhoAmITest {

    private final AppTexts texts = AppTexts.load(UiLanguage.ENGLISH);
    private final List<String> askedWith = new ArrayList<>();
    private final List<CompletableFuture<MeClient.Answer>> answers = new ArrayList<>();
    private Optional<String> token = Optional.of("token-1");
    private final WhoAmI whoAmI = new WhoAmI(t -> {
        askedWith.add(t);
        CompletableFuture<MeClient.Answer> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    }, () -> token, texts, Runnable::run);

    private static Session session(String email) {
        return new Session(email, Instant.parse("2026-12-01T12:00:00Z"), Session.TokenStorage.KEYCHAIN);
    }

    @Test
    void aNewSessionAsksTheApiWithItsAccessTokenAndShowsWhoItKnows() {
        whoAmI.sessionChanged(session("alice@example.com"));
        assertThat(askedWith).containsExactly("token-1");
        assertThat(whoAmI.sentenceProperty().get()).isEqualTo(texts.get("me.asking"));
        answers.get(0).complete(new MeClient.Answer.Me("alice@example.com", "sub-1"));
        assertThat(whoAmI.sentenceProperty().get()).isEqualTo(texts.get("me.answer", "alice@example.com", "sub-1"))
                .contains("alice@example.com", "sub-1");
    }

    @Test
    void a401SaysTheApiRefusedTheSessionAndAFailureSaysItDidNotAnswer() {
        whoAmI.sessionChanged(session("alice@example.com"));
        answers.get(0).complete(new MeClient.Answer.Unauthorized());
        assertThat(whoAmI.sentenceProperty().get()).isEqualTo(texts.get("me.unauthorized"));
        token = Optional.of("token-2");
        whoAmI.sessionChanged(session("alice@example.com"));
        answers.get(1).complete(new MeClient.Answer.Failed("timeout"));
        assertThat(whoAmI.sentenceProperty().get()).isEqualTo(texts.get("me.failed"));
    }

    @Test
    void signingOutClearsTheSentenceAndALateAnswerForTheOldSessionIsDropped() {
        whoAmI.sessionChanged(session("alice@example.com"));
        whoAmI.sessionChanged(null);
        assertThat(whoAmI.sentenceProperty().get()).isEmpty();
        answers.get(0).complete(new MeClient.Answer.Me("alice@example.com", "sub-1"));
        assertThat(whoAmI.sentenceProperty().get()).isEmpty();
    }

    @Test
    void theGermanTextsHaveTheSameSentences() {
        AppTexts german = AppTexts.load(UiLanguage.GERMAN);
        for (String key : List.of("me.asking", "me.answer", "me.unauthorized", "me.failed", "error.title", "error.header",
                "error.content")) {
            assertThat(german.get(key, "a", "b")).as(key).isNotEqualTo(texts.get(key, "a", "b"));
        }
    }
}
