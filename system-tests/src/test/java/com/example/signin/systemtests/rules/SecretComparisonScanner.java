package com.example.signin.systemtests.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The static rule that mutation testing cannot check (docs/MUTATION-TESTING.md): a secret, a
 * hash, a challenge, a verifier, a token or a one-time code is compared only through the one
 * constant-time helper, {@code SaltedHash.same} (which alone calls {@code MessageDigest.isEqual}).
 * <p>
 * Precise form, over compiled classes (which carry parameter and local variable names, as javac
 * writes them by default): a call to {@code equals}, {@code equalsIgnoreCase},
 * {@code contentEquals} or {@code compareTo} on any type, or to {@code Objects.equals} or
 * {@code Arrays.equals}/{@code Arrays.compare}/{@code Arrays.mismatch}, is a violation when one of
 * its operands is <em>secret-named</em>: it was loaded from a local variable or parameter, read
 * from a field, or returned by a method, whose name's last word is one of {@link #SECRET_WORDS}
 * (or that contains "OneTimeCode"/"Otp"). An operand made from such a value by a conversion
 * ({@code getBytes}, {@code strip}, {@code toLowerCase}, ...) counts as the value itself.
 * {@code "CUSTOM_CHALLENGE".equals(challengeName)} is fine: the last word is "name".
 * And {@code MessageDigest.isEqual} called anywhere but in the helper is a violation too, so the
 * helper stays the one place.
 */
final class SecretComparisonScanner {

    /** What a name's last word says a value is, when that value must not meet {@code equals}. */
    static final Set<String> SECRET_WORDS = Set.of(
            "secret", "secrets", "hash", "hashes", "challenge", "verifier", "digest", "signature", "mac",
            "token", "tokens", "otp");

    static final String HELPER = "com/example/signin/protocol/SaltedHash#same";

    private static final Set<String> COMPARISONS = Set.of("equals", "equalsIgnoreCase", "contentEquals", "compareTo");
    private static final Set<String> STATIC_COMPARISONS = Set.of(
            "java/util/Objects#equals", "java/util/Arrays#equals", "java/util/Arrays#compare", "java/util/Arrays#mismatch");
    /** Conversions that keep a secret a secret: their receiver is what is really compared. */
    private static final Set<String> CONVERSIONS = Set.of(
            "getBytes", "toCharArray", "strip", "trim", "toLowerCase", "toUpperCase", "toString", "intern",
            "encodeToString", "decode", "valueOf", "getEncoded");

    /** One comparison the rule forbids. */
    record Violation(String className, String method, int line, String operand, String comparison) {
        @Override
        public String toString() {
            return className + "." + method + " (line " + line + "): " + comparison + " on " + operand;
        }
    }

    private final List<Violation> violations = new ArrayList<>();
    private int classesScanned;

    /** Scans one class file or every class under a directory. */
    SecretComparisonScanner scan(Path classes) {
        try {
            if (classes.toString().endsWith(".class")) {
                try (InputStream in = Files.newInputStream(classes)) {
                    scanClass(in);
                }
            } else {
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                        try (InputStream in = Files.newInputStream(file)) {
                            scanClass(in);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the classes in " + classes, e);
        }
        return this;
    }

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    int classesScanned() {
        return classesScanned;
    }

    private void scanClass(InputStream in) throws IOException {
        ClassNode type = new ClassNode();
        new ClassReader(in).accept(type, 0);
        classesScanned++;
        for (MethodNode method : type.methods) {
            if ((method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                scanMethod(type, method);
            }
        }
    }

    private void scanMethod(ClassNode type, MethodNode method) {
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(type.name, method);
        } catch (AnalyzerException e) {
            throw new IllegalStateException("Cannot analyse " + type.name + "." + method.name, e);
        }
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (!(insns[i] instanceof MethodInsnNode call) || frames[i] == null) {
                continue;
            }
            String qualified = call.owner + "#" + call.name;
            if (qualified.equals("java/security/MessageDigest#isEqual")
                    && !(type.name + "#" + method.name).equals(HELPER)) {
                violations.add(violation(type, method, call, "a second constant-time helper",
                        "MessageDigest.isEqual outside " + HELPER.replace('/', '.')));
                continue;
            }
            boolean comparison = call.getOpcode() == Opcodes.INVOKESTATIC
                    ? STATIC_COMPARISONS.contains(qualified)
                    : COMPARISONS.contains(call.name);
            if (!comparison) {
                continue;
            }
            int operands = operandCount(call);
            Frame<SourceValue> frame = frames[i];
            for (int k = 0; k < operands; k++) {
                SourceValue operand = frame.getStack(frame.getStackSize() - operands + k);
                String name = secretName(method, frames, operand, 0);
                if (name != null) {
                    violations.add(violation(type, method, call, name, call.owner.replace('/', '.') + "." + call.name));
                    break;
                }
            }
        }
    }

    private static int operandCount(MethodInsnNode call) {
        int arguments = org.objectweb.asm.Type.getArgumentTypes(call.desc).length;
        return call.getOpcode() == Opcodes.INVOKESTATIC ? arguments : arguments + 1;
    }

    /** The secret-sounding name an operand was made from, or {@code null}. */
    private static String secretName(MethodNode method, Frame<SourceValue>[] frames, SourceValue value, int depth) {
        if (depth > 4) {
            return null;
        }
        for (AbstractInsnNode source : value.insns) {
            String name = null;
            if (source instanceof VarInsnNode load) {
                name = localName(method, load);
            } else if (source instanceof FieldInsnNode field) {
                name = field.name;
            } else if (source instanceof MethodInsnNode call) {
                if (CONVERSIONS.contains(call.name)) {
                    Frame<SourceValue> frame = frames[method.instructions.indexOf(call)];
                    int operands = operandCount(call);
                    for (int k = 0; k < operands && frame != null; k++) {
                        String inner = secretName(method, frames, frame.getStack(frame.getStackSize() - operands + k), depth + 1);
                        if (inner != null) {
                            return inner;
                        }
                    }
                    continue;
                }
                name = call.name;
            }
            if (name != null && isSecretName(name)) {
                return name;
            }
        }
        return null;
    }

    private static String localName(MethodNode method, VarInsnNode load) {
        if (method.localVariables == null) {
            return null;
        }
        int at = method.instructions.indexOf(load);
        for (LocalVariableNode local : method.localVariables) {
            if (local.index == load.var && method.instructions.indexOf(local.start) <= at
                    && at <= method.instructions.indexOf(local.end)) {
                return local.name;
            }
        }
        return null;
    }

    /** Whether a Java name's last word (camelCase, snake_case, a get/is prefix dropped) names a secret. */
    static boolean isSecretName(String name) {
        String bare = name.replaceFirst("^(get|is)(?=[A-Z])", "");
        if (bare.contains("OneTimeCode") || bare.toLowerCase(Locale.ROOT).equals("onetimecode")) {
            return true;
        }
        String[] words = bare.split("(?<=[a-z0-9])(?=[A-Z])|_|\\$");
        return words.length > 0 && SECRET_WORDS.contains(words[words.length - 1].toLowerCase(Locale.ROOT));
    }

    private static Violation violation(ClassNode type, MethodNode method, AbstractInsnNode at, String operand, String comparison) {
        int line = -1;
        for (AbstractInsnNode insn = at; insn != null; insn = insn.getPrevious()) {
            if (insn instanceof LineNumberNode number) {
                line = number.line;
                break;
            }
        }
        return new Violation(type.name.replace('/', '.'), method.name, line, operand, comparison);
    }
}
