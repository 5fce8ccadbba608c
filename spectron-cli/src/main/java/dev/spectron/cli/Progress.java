package dev.spectron.cli;

import java.io.PrintStream;

/**
 * A one-line progress counter for long operations; silent when nothing happens, so quick starts
 * stay quiet.
 */
final class Progress {
    private final String label;
    private final PrintStream out;
    private long last;
    private long lastPrintNanos;

    Progress(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    synchronized void update(long count) {
        last = count;
        long now = System.nanoTime();
        if (now - lastPrintNanos > 500_000_000L) {
            out.print("\r" + label + ": " + count);
            out.flush();
            lastPrintNanos = now;
        }
    }

    synchronized void done() {
        if (last > 0) {
            out.println("\r" + label + ": " + last + " done");
        }
    }
}
