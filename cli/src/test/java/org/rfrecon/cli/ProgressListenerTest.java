package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.solver.IterationInfo;

/** Solver progress: a line redrawn in place on a terminal, a few plain lines otherwise. */
class ProgressListenerTest {

    private static String drive(boolean terminal, int cap, int stopAt, Random rnd) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
                ProgressListener p = new ProgressListener("admm", cap, out, terminal)) {
            for (int k = 1; k <= stopAt; k++) {
                p.onIteration(
                        new IterationInfo(
                                k, rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), 2));
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logLinesEveryTenthOfTheCapAndTheLastIteration() {
        Random rnd = new Random();
        int cap = 100 + rnd.nextInt(400);
        int stop = cap / 2 + rnd.nextInt(cap / 2) | 1; // odd: not a multiple of cap / 10 mostly
        String log = drive(false, cap, stop, rnd);
        assertTrue(log.startsWith("admm: iteration 1/" + cap + ", objective "), log);
        assertTrue(log.contains("primal residual") && log.contains("dual residual"), log);
        assertTrue(
                log.strip()
                        .lines()
                        .reduce((a, z) -> z)
                        .orElseThrow()
                        .contains("iteration " + stop + "/" + cap),
                log);
        long lines = log.lines().count();
        assertTrue(lines >= 5 && lines <= 12, lines + " lines:\n" + log);
        assertTrue(!log.contains("\r"), log);
    }

    @Test
    void aTerminalGetsOneLineRedrawnInPlace() {
        String t = drive(true, 50, 7, new Random());
        assertEquals(7, t.chars().filter(c -> c == '\r').count(), t);
        assertEquals(1, t.chars().filter(c -> c == '\n').count(), t);
        assertTrue(t.contains("admm: iteration 7/50"), t);
    }
}
