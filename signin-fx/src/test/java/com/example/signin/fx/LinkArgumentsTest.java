package com.example.signin.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a host's command line holds the link, and the links no OS would pass. */
class LinkArgumentsTest {

    private static final String LINK = "com.example.signin://signin#abc";

    @Test
    void theLinkIsAfterTheSeparatorOrTheLastArgument() {
        assertThat(LinkArguments.find(List.of("--data-dir", "/d", "--", LINK))).contains(LINK);
        assertThat(LinkArguments.find(List.of("--verbose", LINK))).contains(LINK);
        assertThat(LinkArguments.find(List.of())).isEmpty();
        assertThat(LinkArguments.find(List.of("--verbose"))).isEmpty();
        assertThat(LinkArguments.find(List.of("--data-dir", "/home/alice/data"))).as("a host's option value").isEmpty();
    }

    @Test
    void aLinkFollowedByMoreOrHoldingAQuoteOrSpaceIsRefusedWithAReason() {
        assertThatThrownBy(() -> LinkArguments.find(List.of("--", LINK, "--config=\\\\host\\x.json")))
                .hasMessageContaining("must be the last argument");
        assertThatThrownBy(() -> LinkArguments.find(List.of(LINK, "--config=x")))
                .hasMessageContaining("must be the last argument");
        assertThatThrownBy(() -> LinkArguments.find(List.of(LINK + "\" --x")))
                .hasMessageContaining("never holds a quote or white space");
        assertThatThrownBy(() -> LinkArguments.find(List.of("--"))).hasMessageContaining("followed by the link");
    }
}
