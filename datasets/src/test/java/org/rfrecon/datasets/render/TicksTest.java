package org.rfrecon.datasets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tick labels read as numbers: values on log axes, integers on integer axes, no "2.50". */
class TicksTest {

    private static List<String> labels(List<Ticks.Tick> ticks) {
        return ticks.stream().map(Ticks.Tick::label).toList();
    }

    @Test
    void logAxisTicksAreLabelledWithValuesNotLogarithms() {
        // a loss falling from 0.0123 to 0.0107: less than a decade (main read "1e-0.00500")
        List<String> narrow = labels(Ticks.log10(Math.log10(0.0107), Math.log10(0.0123), 6));
        assertFalse(narrow.isEmpty());
        for (String l : narrow) {
            assertTrue(l.matches("0\\.01[0-9]*"), "narrow: " + narrow);
        }
        assertEquals(List.of("0.001", "0.01", "0.1", "1"), labels(Ticks.log10(-3.2, 0.3, 6)));
        assertEquals(List.of("0.02", "0.05", "0.1"), labels(Ticks.log10(-1.8, -0.9, 6)));
        assertEquals(List.of("1e-6", "1e-4", "0.01", "1"), labels(Ticks.log10(-6.5, 0.4, 4)));
    }

    @Test
    void integerAxesTickIntegersOnly() {
        assertEquals(List.of("1", "2", "3", "4"), labels(Ticks.linear(0.8, 4.2, 6, true)));
        assertEquals(List.of("2", "3", "4"), labels(Ticks.linear(1.9, 4.1, 6, true)));
        assertEquals(List.of("2.0", "2.5", "3.0"), labels(Ticks.linear(1.9, 3.1, 3, false)));
        assertEquals(List.of("-20", "-10", "0"), labels(Ticks.linear(-24, 3, 3, false)));
    }

    @Test
    void numbersAreShortAndPlain() {
        assertEquals("0.02", Ticks.number(0.02));
        assertEquals("150", Ticks.number(150));
        assertEquals("1e-5", Ticks.number(1e-5));
        assertEquals("2.5e7", Ticks.number(2.5e7));
        assertEquals("0.333", Ticks.number(1 / 3.0));
        assertEquals("0", Ticks.number(0));
    }
}
