/**
 * PNG pictures with javax.imageio and java.awt only: {@link org.rfrecon.datasets.render.Figure}
 * lays out titled panels of complex magnitude in dB with a colour map and a colour bar (volumes as
 * maximum projections along each axis, {@link org.rfrecon.datasets.render.Panels}), and {@link
 * org.rfrecon.datasets.render.LinePlot} draws x-y series with a legend (training curves,
 * ablations). Every PNG is written atomically.
 */
package org.rfrecon.datasets.render;
