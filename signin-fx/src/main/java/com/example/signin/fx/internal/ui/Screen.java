package com.example.signin.fx.internal.ui;

/** What the main window shows. */
public enum Screen {
    /** Progress: restoring the session at start, or completing a link. */
    PROGRESS,
    /** The email field. */
    SIGN_IN,
    /** Check your inbox: resend, use a different address, paste the link. */
    INBOX,
    /** Who is signed in, sign out. */
    SIGNED_IN
}
