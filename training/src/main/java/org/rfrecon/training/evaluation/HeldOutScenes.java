package org.rfrecon.training.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.SimulationData;
import org.rfrecon.datasets.sim.SimulationFile;

/** Reads held-out scenes from simulation files and dataset directories. */
public final class HeldOutScenes {

    private HeldOutScenes() {}

    /**
     * Every scene of {@code inputs}, in order: a simulation file is one scene, a dataset directory
     * all of its samples. All scenes must share one geometry.
     *
     * @throws IOException naming the file that is missing, malformed or of another geometry
     */
    public static List<HeldOutScene> read(List<Path> inputs) throws IOException {
        List<HeldOutScene> scenes = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                DatasetDirectory dir = DatasetDirectory.open(in);
                Geometry g = dir.info().geometry();
                long index = 0;
                for (int k = 0; k < dir.info().shards().size(); k++) {
                    Map<String, HostArray> shard = dir.readShard(k);
                    HostArray ys = shard.get("y");
                    HostArray sc = shard.get("scene");
                    for (int i = 0; i < ys.shape()[0]; i++) {
                        scenes.add(
                                new HeldOutScene(
                                        in + "#" + index++,
                                        g,
                                        HostArrays.item(ys, i),
                                        HostArrays.item(sc, i)));
                    }
                }
            } else if (Files.isRegularFile(in)) {
                SimulationData d = SimulationFile.read(in);
                scenes.add(new HeldOutScene(in.toString(), d.geometry(), d.y(), d.scene()));
            } else {
                throw new IOException(in + ": no such file or dataset directory");
            }
        }
        if (scenes.isEmpty()) {
            throw new IOException("no scenes in " + inputs);
        }
        Geometry first = scenes.get(0).geometry();
        for (HeldOutScene s : scenes) {
            if (!s.geometry().sameSensing(first)) {
                throw new IOException(
                        s.id()
                                + ": geometry "
                                + s.geometry().preset()
                                + " differs from "
                                + scenes.get(0).id()
                                + " ("
                                + first.preset()
                                + "); evaluate one geometry at a time");
            }
        }
        return scenes;
    }
}
