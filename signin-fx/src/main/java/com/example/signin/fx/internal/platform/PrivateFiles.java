package com.example.signin.fx.internal.platform;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The app's name for protocol's {@link com.example.signin.protocol.PrivateFiles}, the one rule for
 * owner-only folders and atomic 0600 writes that the local backend uses too; kept so that this
 * package's callers need no edit while the app moves (the lead folds it in after the merge).
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    public static boolean isPosix(Path path) {
        return com.example.signin.protocol.PrivateFiles.isPosix(path);
    }

    public static Path createPrivateDirectory(Path dir) throws IOException {
        return com.example.signin.protocol.PrivateFiles.createPrivateDirectory(dir);
    }

    public static void makePrivate(Path file) throws IOException {
        com.example.signin.protocol.PrivateFiles.makePrivate(file);
    }

    public static void writeAtomically(Path file, byte[] content) throws IOException {
        com.example.signin.protocol.PrivateFiles.writeAtomically(file, content);
    }
}
