package com.example.signin.fx;

import java.util.List;
import java.util.Optional;

/**
 * Where a sign-in link sits on a command line, and the checks it passes before anything uses it.
 *
 * <p>The OS runs the registered command with the link after {@code --} at the end; a person may
 * also pass it as the last argument. The link is the last argument: anything after it can only
 * come from a link that a shell or a careless mail client split, so it is refused rather than
 * read. A link with a quote, white space or a control character is refused too: no sign-in link
 * has one, and they are what break a command line's quoting.
 *
 * <p>All methods are pure and may be called on any thread.
 */
public final class LinkArguments {

    private LinkArguments() {
    }

    /**
     * The link among {@code args}: the argument after {@code --}, else the first argument that is
     * not an option (does not start with {@code -}) and holds {@code ://}; empty when there is none.
     * Other arguments (the host's own options and values) are left alone, but none may follow the link.
     *
     * @param args the command line's arguments
     * @return the checked link, or empty
     * @throws IllegalArgumentException with a sentence a person can act on, when the link is
     *         followed by more arguments or holds a quote or white space
     */
    public static Optional<String> find(List<String> args) {
        String[] all = args.toArray(String[]::new);
        for (int i = 0; i < all.length; i++) {
            if (all[i].equals("--")) {
                if (i + 1 >= all.length) {
                    throw new IllegalArgumentException("-- must be followed by the link to open.");
                }
                return Optional.of(checked(all, i + 1));
            }
        }
        for (int i = 0; i < all.length; i++) {
            if (!all[i].startsWith("-") && all[i].contains("://")) {
                return Optional.of(checked(all, i));
            }
        }
        return Optional.empty();
    }

    /**
     * The link at {@code index} of {@code args}, which must be the last argument and look like one link.
     *
     * @param args  the command line's arguments
     * @param index where the link is
     * @return the link, unchanged
     * @throws IllegalArgumentException with a sentence starting "The app refused this link" when
     *         it holds a quote, white space or a control character, or more arguments follow it
     */
    public static String checked(String[] args, int index) {
        String link = args[index];
        if (link.chars().anyMatch(c -> c == '"' || Character.isWhitespace(c) || Character.isISOControl(c)
                || Character.isSpaceChar(c))) {
            throw new IllegalArgumentException("The app refused this link: a sign-in link never holds a quote or white space.");
        }
        if (index != args.length - 1) {
            throw new IllegalArgumentException("The app refused this link: the link must be the last argument, and nothing "
                    + "after it is read (here " + (args.length - 1 - index)
                    + " more). A link split at a quote or a space ends up like this.");
        }
        return link;
    }
}
