package org.rfrecon.training.evaluation;

import java.util.List;
import org.rfrecon.training.metric.Quality;
import org.rfrecon.training.metric.Spread;

/**
 * One method's results over a held-out set: the quality and time of every scene, in scene order.
 *
 * @param method the method's name
 * @param perScene the quality of each scene
 * @param seconds the wall time of each scene's reconstruction
 */
public record MethodResult(String method, List<Quality> perScene, double[] seconds) {

    /** Copies the lists. */
    public MethodResult {
        perScene = List.copyOf(perScene);
        seconds = seconds.clone();
        if (perScene.size() != seconds.length || perScene.isEmpty()) {
            throw new IllegalArgumentException("one quality and one time per scene, at least one");
        }
    }

    /** The number of scenes. */
    public int scenes() {
        return perScene.size();
    }

    /** The mean quality over scenes. */
    public Quality mean() {
        return new Quality(
                mean(perScene.stream().mapToDouble(Quality::nmseDb).toArray()),
                mean(perScene.stream().mapToDouble(Quality::psnr).toArray()),
                mean(perScene.stream().mapToDouble(Quality::ssim).toArray()));
    }

    /** The sample standard deviation over scenes (0 for one scene). */
    public Quality std() {
        return new Quality(
                std(perScene.stream().mapToDouble(Quality::nmseDb).toArray()),
                std(perScene.stream().mapToDouble(Quality::psnr).toArray()),
                std(perScene.stream().mapToDouble(Quality::ssim).toArray()));
    }

    /** The mean seconds per scene. */
    public double meanSeconds() {
        return mean(seconds);
    }

    /** The standard deviation of the seconds per scene. */
    public double stdSeconds() {
        return std(seconds);
    }

    static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Spread.of(v).mean();
    }

    static double std(double[] v) {
        return v.length < 2 ? 0 : Spread.of(v).std();
    }
}
