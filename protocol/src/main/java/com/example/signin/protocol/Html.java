package com.example.signin.protocol;

/**
 * HTML escaping of text and attribute values: the one escaper of the mail templates and the
 * local backend's pages.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes the five characters that can end a text node or a quoted attribute value;
     * {@code null} is the empty text.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
