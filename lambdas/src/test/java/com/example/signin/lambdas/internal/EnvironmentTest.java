package com.example.signin.lambdas.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A variable set to only whitespace (a template left empty) counts as not set, never as a value. */
class EnvironmentTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", " \n "})
    void aBlankVariableIsNotSet(String blank) {
        Environment environment = new Environment(Map.of("LINK_TABLE", blank, "LINK_TTL_SECONDS", blank, "MAIL_TRANSPORT", blank));

        assertThat(environment.optional("LINK_TABLE")).isEmpty();
        assertThatThrownBy(() -> environment.required("LINK_TABLE", "the name of the DynamoDB link table"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("LINK_TABLE is not set: it must be the name of the DynamoDB link table.");
        assertThat(environment.integer("LINK_TTL_SECONDS", 900, 60, 3600, "seconds")).isEqualTo(900);
        assertThat(environment.choice("MAIL_TRANSPORT", "ses", "ses", "smtp")).isEqualTo("ses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"links", " links", "links\n"})
    void aSetVariableIsReadWithoutSurroundingWhitespace(String value) {
        assertThat(new Environment(Map.of("LINK_TABLE", value)).required("LINK_TABLE", "a table name")).isEqualTo("links");
    }

    @ParameterizedTest
    @CsvSource({"60, 60", "3600, 3600", "61, 61"})
    void aWholeNumberAtEitherEndOfItsRangeIsAccepted(String raw, int value) {
        assertThat(new Environment(Map.of("LINK_TTL_SECONDS", raw)).integer("LINK_TTL_SECONDS", 900, 60, 3600, "seconds"))
                .isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"59", "3601", "ten", "1.5"})
    void aWholeNumberOutsideItsRangeStopsStartupWithTheRangeAndTheDefault(String raw) {
        assertThatThrownBy(() -> new Environment(Map.of("LINK_TTL_SECONDS", raw)).integer("LINK_TTL_SECONDS", 900, 60, 3600, "seconds"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("LINK_TTL_SECONDS must be a whole number of seconds from 60 to 3600 (default 900), not: " + raw);
    }

    @Test
    void theSystemEnvironmentIsTheProcessOwn() {
        assertThat(Environment.system().optional("PATH")).isEqualTo(Optional.ofNullable(System.getenv("PATH")).map(String::strip));
        assertThat(Environment.system().optional("PATH")).isPresent();
    }
}
