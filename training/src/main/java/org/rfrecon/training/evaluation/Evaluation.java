package org.rfrecon.training.evaluation;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.datasets.render.Panel;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.training.metric.Quality;

/**
 * Runs methods over a held-out set, scene by scene, and scores them (SPEC §6): every method sees
 * the same files; each call to {@link ReconMethod#reconstruct} is timed on its own (after one
 * untimed warm-up call on the first scene, so one-off costs such as native library loading or GPU
 * kernel compilation are not charged to the first scene). The magnitudes of the first {@link
 * Builder#optFigureScenes} scenes are kept for the figure grid.
 *
 * <pre>
 *   EvaluationReport r = Evaluation.builder().setScenes(HeldOutScenes.read(files))
 *       .addMethod(ClassicalMethods.of(Kind.ADMM_L1)).addMethod(myNetwork).build().run(manager);
 *   r.write(Path.of("eval"));
 * </pre>
 */
public final class Evaluation {

    /** Progress events. */
    public interface Listener {
        /** Called after each scene of each method. */
        void onScene(ReconMethod method, int scene, int scenes, Quality quality, double seconds);
    }

    private final List<HeldOutScene> scenes;
    private final List<ReconMethod> methods;
    private final int figureScenes;
    private final Listener listener;

    private Evaluation(Builder b) {
        this.scenes = List.copyOf(b.scenes);
        this.methods = List.copyOf(b.methods);
        this.figureScenes = Math.min(b.figureScenes, b.scenes.size());
        this.listener = b.listener;
    }

    /** A builder; scenes and at least one method are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every method on every scene, on {@code manager}'s device. */
    public EvaluationReport run(NDManager manager) {
        List<MethodResult> rows = new ArrayList<>();
        List<String> families = new ArrayList<>();
        List<List<Panel>> figure = new ArrayList<>();
        List<Panel> truth = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < figureScenes; i++) {
                try (NDManager s = m.newSubManager()) {
                    truth.add(normalised("truth", scenes.get(i).sceneTensor(s), Double.NaN));
                }
            }
            for (ReconMethod method : methods) {
                method.prepare(scenes.get(0), m);
                try (NDManager s = m.newSubManager()) {
                    method.reconstruct(scenes.get(0), s); // warm-up, not timed
                }
                List<Quality> q = new ArrayList<>();
                double[] seconds = new double[scenes.size()];
                List<Panel> panels = new ArrayList<>();
                for (int i = 0; i < scenes.size(); i++) {
                    HeldOutScene scene = scenes.get(i);
                    try (NDManager s = m.newSubManager()) {
                        long t0 = System.nanoTime();
                        ComplexTensor x = method.reconstruct(scene, s);
                        x.re().toFloatArray(); // wait for the device: the time includes the result
                        seconds[i] = (System.nanoTime() - t0) / 1e9;
                        ComplexTensor t = scene.sceneTensor(s).toType(x.getDataType());
                        Quality quality = Quality.of(x, t);
                        q.add(quality);
                        if (i < figureScenes) {
                            panels.add(normalised(method.name(), x, peak(t)));
                        }
                        listener.onScene(method, i, scenes.size(), quality, seconds[i]);
                    }
                }
                method.release();
                rows.add(new MethodResult(method.name(), q, seconds));
                families.add(method.family());
                figure.add(panels);
            }
        }
        return new EvaluationReport(
                scenes.get(0).geometry(),
                scenes.stream().map(HeldOutScene::id).toList(),
                rows,
                families,
                truth,
                figure);
    }

    private static double peak(ComplexTensor t) {
        return org.rfrecon.core.complex.Scalars.value(t.abs().max());
    }

    /**
     * The first panel of {@code x} (a volume's max over z) divided by the truth's peak ({@code
     * NaN}: by its own), so every panel of a scene shares the truth's colour scale.
     */
    private static Panel normalised(String title, ComplexTensor x, double truthPeak) {
        Panel p = Panels.of(title, x).get(0);
        double peak = Double.isNaN(truthPeak) ? p.peak() : truthPeak;
        float[] v = p.magnitude().clone();
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (v[k] / (peak > 0 ? peak : 1));
        }
        return new Panel(title, p.width(), p.height(), v);
    }

    /** Builds an {@link Evaluation}. */
    public static final class Builder {
        private List<HeldOutScene> scenes;
        private final List<ReconMethod> methods = new ArrayList<>();
        private int figureScenes = 3;
        private Listener listener = (method, scene, scenes, quality, seconds) -> {};

        private Builder() {}

        /** The held-out scenes, one geometry (required). */
        public Builder setScenes(List<HeldOutScene> scenes) {
            this.scenes = scenes;
            return this;
        }

        /** Adds a method (at least one is required); rows keep the order of the calls. */
        public Builder addMethod(ReconMethod method) {
            methods.add(method);
            return this;
        }

        /** How many scenes the figure grid shows (optional, default 3). */
        public Builder optFigureScenes(int count) {
            this.figureScenes = count;
            return this;
        }

        /** Progress events (optional). */
        public Builder optListener(Listener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if scenes or methods are missing
         */
        public Evaluation build() {
            if (scenes == null || scenes.isEmpty() || methods.isEmpty()) {
                throw new IllegalArgumentException(
                        "an evaluation needs at least one scene and one method");
            }
            if (figureScenes < 0 || listener == null) {
                throw new IllegalArgumentException("figure scenes must be >= 0, listener set");
            }
            return new Evaluation(this);
        }
    }
}
