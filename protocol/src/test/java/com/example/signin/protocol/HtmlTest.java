package com.example.signin.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void theFiveCharactersThatEndATextOrAQuotedAttributeAreEscapedAndNothingElse() {
        assertThat(Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a> ü €"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt; ü €");
    }

    @Test
    void nothingIsTheEmptyText() {
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("")).isEmpty();
    }

    @Test
    void anEscapedTextEscapedAgainEscapesItsAmpersandsOnly() {
        assertThat(Html.escape(Html.escape("<&>"))).isEqualTo("&amp;lt;&amp;amp;&amp;gt;");
    }
}
