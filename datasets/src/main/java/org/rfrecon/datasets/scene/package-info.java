/**
 * Random 2D and 3D scenes for simulation: point targets, extended shapes (rectangles, ellipses,
 * convex polygons; boxes, ellipsoids and prisms in 3D) and mixtures, configured by {@link
 * org.rfrecon.datasets.scene.SceneConfig}. Scenes are drawn on the host with a seeded {@link
 * java.util.Random} (sample {@code i} of seed {@code s} uses {@link
 * org.rfrecon.datasets.scene.Seeds#derive}) and only then moved to a device, so the same seed gives
 * the same bytes on every device.
 */
package org.rfrecon.datasets.scene;
