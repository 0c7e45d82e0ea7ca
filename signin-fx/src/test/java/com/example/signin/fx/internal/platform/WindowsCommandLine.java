package com.example.signin.fx.internal.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line the way {@code CommandLineToArgvW} and the Microsoft C runtime do
 * (documented in "Parsing C command-line arguments"): the program name up to the next quote or
 * space without escapes; then 2n backslashes before a quote give n backslashes and toggle quoting,
 * 2n+1 give n and a literal quote; {@code ""} inside quotes is a literal quote; backslashes
 * elsewhere are literal. What Windows hands a registered URL handler, for tests on any OS.
 */
final class WindowsCommandLine {

    private WindowsCommandLine() {
    }

    static List<String> split(String line) {
        List<String> argv = new ArrayList<>();
        int i = 0;
        int n = line.length();
        // The program name.
        StringBuilder program = new StringBuilder();
        if (i < n && line.charAt(i) == '"') {
            i++;
            while (i < n && line.charAt(i) != '"') {
                program.append(line.charAt(i++));
            }
            i++;
        } else {
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                program.append(line.charAt(i++));
            }
        }
        argv.add(program.toString());
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                return argv;
            }
            StringBuilder arg = new StringBuilder();
            boolean quoted = false;
            while (i < n && (quoted || (line.charAt(i) != ' ' && line.charAt(i) != '\t'))) {
                char c = line.charAt(i);
                if (c == '\\') {
                    int backslashes = 0;
                    while (i < n && line.charAt(i) == '\\') {
                        backslashes++;
                        i++;
                    }
                    if (i < n && line.charAt(i) == '"') {
                        arg.append("\\".repeat(backslashes / 2));
                        if (backslashes % 2 == 1) {
                            arg.append('"');
                            i++;
                        }
                    } else {
                        arg.append("\\".repeat(backslashes));
                    }
                } else if (c == '"') {
                    if (quoted && i + 1 < n && line.charAt(i + 1) == '"') {
                        arg.append('"');
                        i += 2;
                    } else {
                        quoted = !quoted;
                        i++;
                    }
                } else {
                    arg.append(c);
                    i++;
                }
            }
            argv.add(arg.toString());
        }
    }
}
