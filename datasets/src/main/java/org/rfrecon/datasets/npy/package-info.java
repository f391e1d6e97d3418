/**
 * A NumPy NPY/NPZ codec with complex dtypes (DJL's has none): {@link
 * org.rfrecon.datasets.npy.HostArray} is an immutable host array, {@link
 * org.rfrecon.datasets.npy.Npy} reads and writes one {@code .npy}, {@link
 * org.rfrecon.datasets.npy.Npz} a zip of them. Malformed input ends in a one-line {@link
 * org.rfrecon.datasets.npy.NpyFormatException} naming the file and key.
 */
package org.rfrecon.datasets.npy;
