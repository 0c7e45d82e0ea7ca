package com.example.signin.lambdas.service;

/** Which link the email carries. */
public enum LinkStyle {
    /** {@code {linkBase}/open#{secret}}: an https page that forwards to the app (default; works in webmail). */
    PAGE("page"),
    /** {@code {scheme}://signin#{secret}}: straight to the app. */
    DIRECT("direct");

    private final String setting;

    LinkStyle(String setting) {
        this.setting = setting;
    }

    public static LinkStyle fromSetting(String setting) {
        for (LinkStyle style : values()) {
            if (style.setting.equalsIgnoreCase(setting.strip())) {
                return style;
            }
        }
        throw new IllegalArgumentException("expected page or direct, not: " + setting);
    }
}
