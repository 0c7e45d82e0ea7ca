package com.example.signin.local.internal;

/** HTML escaping for the local pages: the same escaper as the mail templates, null-tolerant. */
public final class Html {

    private Html() {
    }

    public static String escape(String text) {
        return text == null ? "" : com.example.signin.protocol.Html.escape(text);
    }
}
