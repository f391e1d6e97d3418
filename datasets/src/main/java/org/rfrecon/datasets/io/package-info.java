/**
 * File plumbing shared by datasets, checkpoints, models and the command line: atomic writes
 * (temporary sibling, then rename; temporaries of killed writers are cleaned), output sets written
 * all or nothing ({@link org.rfrecon.datasets.io.OutputSet}), directory locks ({@link
 * org.rfrecon.datasets.io.DirectoryLock}) and SHA-256 checksum lists in {@code sha256sum} format.
 */
package org.rfrecon.datasets.io;
