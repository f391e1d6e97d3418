package org.rfrecon.core.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The one-line text of a message, with and without line breaks, and of a missing one. */
class MessagesTest {

    @Test
    void firstLineStopsAtTheFirstBreakAndNamesAMissingMessage() {
        assertEquals("shape mismatch", Messages.firstLine("shape mismatch", "none"));
        assertEquals(
                "shape mismatch",
                Messages.firstLine("shape mismatch\nException raised from ...\n#0 frame", "-"));
        assertEquals("windows", Messages.firstLine("windows\r\nsecond", "-"));
        assertEquals("", Messages.firstLine("\nonly a trace", "-"));
        assertEquals("none", Messages.firstLine(null, "none"));
        assertEquals("IOException", Messages.firstLine(new IOException()));
        assertEquals("disk full", Messages.firstLine(new IOException("disk full\nat ...")));
    }
}
