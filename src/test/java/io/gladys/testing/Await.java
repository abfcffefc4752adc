package io.gladys.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an event a test can observe, instead of sleeping for a time it hopes is long enough. */
public final class Await {

    private Await() {
    }

    /** Polls until the condition holds; fails naming what it waited for when the deadline passes. */
    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + deadline.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
