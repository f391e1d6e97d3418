/**
 * Simulation (SPEC §1, §2, §3): a {@link org.rfrecon.datasets.sim.Simulator} draws a scene, applies
 * the Fresnel or the exact spherical-wave model and adds noise at a requested SNR; {@link
 * org.rfrecon.datasets.sim.SimulationFile} writes and validates one simulation NPZ; {@link
 * org.rfrecon.datasets.sim.DatasetDirectory} writes and verifies sharded dataset directories;
 * {@link org.rfrecon.datasets.sim.SimulatedDataset} serves either to DJL's training utilities.
 */
package org.rfrecon.datasets.sim;
