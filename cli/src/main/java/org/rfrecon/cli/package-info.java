/** The {@code rfrecon} command line: one picocli command class per command of SPEC §4. */
package org.rfrecon.cli;
