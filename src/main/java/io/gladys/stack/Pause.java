package io.gladys.stack;

import java.time.Duration;

/** The waits of a goal between two looks at the stack: an interrupt ends the goal's wait as a failure. */
public final class Pause {

    private Pause() {
    }

    public static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    public static void of(Duration d) {
        millis(d.toMillis());
    }
}
