package com.example.signin.fx.internal.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the end-to-end tests (the app's and the example host's) read off the window. The scene
 * graph is read on the JavaFX thread only: a query racing a screen switch sees half a change.
 */
public final class SceneQueries {

    private static final FxRobot ROBOT = new FxRobot();

    private SceneQueries() {
    }

    public static boolean visible(String query) throws Exception {
        return onFx(() -> ROBOT.lookup(query).tryQuery().filter(n -> n.getScene() != null).map(Node::isVisible).orElse(false));
    }

    /** The label's text, or empty while it is not shown. */
    public static String labelText(String query) throws Exception {
        return onFx(() -> ROBOT.lookup(query).tryQuery().filter(n -> n.getScene() != null && n.isVisible())
                .map(n -> ((Label) n).getText()).orElse(""));
    }

    /** The node once it is shown, after the JavaFX thread has settled. */
    public static Node shown(String query) throws Exception {
        waitUntil(() -> visible(query));
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> ROBOT.lookup(query).query());
    }

    public static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(60, TimeUnit.SECONDS);
    }

    /** Waits for a condition, bounded; the machine is shared, so no speed is asserted. */
    public static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, condition);
    }
}
