package com.example.signin.fx.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The screens look right in a host without AtlantaFX: every colour app.css looks up has a fallback. */
class FallbackColorsTest {

    @Test
    void onlyAHostWithoutAnAtlantaFxThemeGetsTheFallbackColours() {
        assertThat(MainWindowView.needsFallbackColors(null)).as("Modena, the JavaFX default").isTrue();
        assertThat(MainWindowView.needsFallbackColors("com/sun/javafx/scene/control/skin/modena/modena.css")).isTrue();
        assertThat(MainWindowView.needsFallbackColors(new PrimerLight().getUserAgentStylesheet())).isFalse();
        assertThat(MainWindowView.needsFallbackColors(new PrimerDark().getUserAgentStylesheet())).isFalse();
    }

    @Test
    void everyColourTheScreensLookUpIsDefinedInTheFallback() throws IOException {
        Set<String> used = names(Pattern.compile(":[^;]*?(-color-[a-z-]+)"), read("app.css"));
        Set<String> defined = names(Pattern.compile("(-color-[a-z-]+)\\s*:"), read("fallback-colors.css"));
        assertThat(used).isNotEmpty();
        assertThat(defined).containsAll(used);
    }

    private static String read(String name) throws IOException {
        try (InputStream in = FxResources.url(name).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> names(Pattern pattern, String css) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(css);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
