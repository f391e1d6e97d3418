/**
 * File plumbing shared by datasets, checkpoints and models: atomic writes (temporary sibling, then
 * rename) and SHA-256 checksum lists in {@code sha256sum} format.
 */
package org.rfrecon.datasets.io;
