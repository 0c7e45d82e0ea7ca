package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.Tools;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The link page: its headers, and what it does in a real browser (headless Chromium). */
@Timeout(300)
class LinkPageTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserHome;
    static LocalBackend backend;
    static Endpoints endpoints;
    static OkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).build());
        endpoints = backend.endpoints();
        http = TestClients.http();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void pageIsSelfContainedWithAStrictPolicyAndNoReferrer() throws Exception {
        try (Response response = http.newCall(new Request.Builder().url(endpoints.linkBase() + "/open").build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            String csp = response.header("Content-Security-Policy");
            assertThat(csp).startsWith("default-src 'none';").contains("script-src 'sha256-")
                    .doesNotContain("unsafe-inline").doesNotContain("http");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            String html = response.body().string();
            assertThat(html).doesNotContain("src=").doesNotContain("<link").doesNotContain("http://").doesNotContain("https://");
        }
    }

    @Test
    void browserTurnsTheFragmentIntoTheAppLink() throws Exception {
        requireChromium();
        String secret = Secrets.generate(RANDOM);
        String dom = dumpDom(endpoints.linkBase() + "/open#" + secret);
        String appLink = "com.example.signin://signin#" + secret;
        assertThat(dom).contains("<a id=\"open\" class=\"button\" href=\"" + appLink + "\">");
        assertThat(dom).contains("<code id=\"copy\">" + appLink + "</code>");
        assertThat(dom).contains("<div id=\"valid\">").contains("<div id=\"invalid\" hidden=\"\">");
    }

    @Test
    void browserRefusesAMalformedFragmentWithoutAButton() throws Exception {
        requireChromium();
        // 43 characters, but the last one carries bits that no 32-byte secret has.
        String almost = Secrets.generate(RANDOM).substring(0, 42) + "B";
        for (String fragment : List.of("", "#short", "#" + almost, "#<img src=x onerror=alert(1)>")) {
            String dom = dumpDom(endpoints.linkBase() + "/open" + fragment);
            assertThat(dom).as(fragment).contains("<div id=\"invalid\">").contains("<div id=\"valid\" hidden=\"\">")
                    .contains("href=\"#\"").doesNotContain("com.example.signin://");
        }
    }

    @Test
    void mailboxPageInTheBrowserLinksToTheLinkPage() throws Exception {
        requireChromium();
        SignInDriver app = new SignInDriver(backend, http, null);
        assertThat(app.requestLink("mailbox@example.com", Secrets.generate(RANDOM))).isEqualTo(202);
        String secret = app.latestSecret("mailbox@example.com");

        String dom = dumpDom(endpoints.mailboxUrl());
        assertThat(dom).contains("mailbox@example.com")
                .contains("<a rel=\"noreferrer\" href=\"" + endpoints.linkBase() + "/open#" + secret + "\">");
    }

    /** Chromium from the PATH; a missing one aborts the test (fails it under CI=true). */
    private static Path requireChromium() {
        return Tools.require("chromium", "chromium");
    }

    private static String dumpDom(String url) throws Exception {
        Path profile = Files.createTempDirectory(browserHome, "profile");
        Path out = Files.createTempFile(browserHome, "dom", ".html");
        Process chromium = new ProcessBuilder(requireChromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", url)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("Chromium did not finish within 120 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
