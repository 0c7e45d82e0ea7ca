package com.example.signin.fx.internal.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A test program that claims the instance like the app does: {@code InstanceProbe DATA_DIR [LINK]}.
 * Prints {@code INSTANCE} or {@code HANDED_OFF}, then, as the instance, {@code LINK <link>} for
 * every link that arrives, until killed.
 */
public final class InstanceProbe {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Optional<String> link = args.length > 1 ? Optional.of(args[1]) : Optional.empty();
        SingleInstance.Claim claim = SingleInstance.claim(dataDir, link, l -> {
            synchronized (System.out) {
                System.out.println("LINK " + l);
                System.out.flush();
            }
        }, Duration.ofSeconds(30));
        if (claim instanceof SingleInstance.Claim.Instance) {
            // One print, so a reader never sees INSTANCE without the instance's own link after it.
            String lines = "INSTANCE" + System.lineSeparator() + link.map(l -> "LINK " + l + System.lineSeparator()).orElse("");
            synchronized (System.out) {
                System.out.print(lines);
                System.out.flush();
            }
            Thread.sleep(Long.MAX_VALUE);
        } else {
            System.out.println(claim instanceof SingleInstance.Claim.HandedOff ? "HANDED_OFF" : claim.toString());
        }
    }
}
