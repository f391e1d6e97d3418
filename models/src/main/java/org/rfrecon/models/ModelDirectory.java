package org.rfrecon.models;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.Checksums;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * A model on disk (SPEC §3): a directory holding the network's DJL parameter file ({@value
 * #PARAMETERS}, written by {@link Block#saveParameters}), {@value ModelManifest#FILE} and {@value
 * Checksums#FILE}. Writing is atomic (a sibling temporary directory renamed into place); reading
 * verifies every checksum before anything is parsed. No Java serialization is involved anywhere.
 * Sub-directories (a {@code training/} folder with checkpoints and curves) are not part of the
 * model: they are not checksummed and are carried over when the model is written again.
 */
public final class ModelDirectory {

    /** The parameter file name. */
    public static final String PARAMETERS = "parameters.params";

    private ModelDirectory() {}

    /**
     * Exports a trained network as the model directory {@code dir}: its parameters and a manifest
     * naming the model after the directory, with the network's architecture (and {@code norm_a2},
     * {@link Networks#architecture}), its geometry, and {@code training} (the training summary),
     * replacing an existing model there only once the new one is complete; sub-directories (the run
     * state under {@code training/}) are carried over.
     */
    public static void export(Path dir, UnrolledAdmm network, JsonObject training)
            throws IOException {
        ModelManifest manifest =
                new ModelManifest(
                        ModelManifest.FORMAT_VERSION,
                        dir.toAbsolutePath().getFileName().toString(),
                        Networks.architecture(network),
                        network.geometry(),
                        training);
        write(dir, manifest, network);
    }

    /**
     * Writes {@code block}'s parameters and {@code manifest} to {@code dir}, replacing an existing
     * model there only once the new one is complete.
     */
    public static void write(Path dir, ModelManifest manifest, Block block) throws IOException {
        AtomicFiles.writeDirectory(
                dir,
                tmp -> {
                    try (DataOutputStream out =
                            new DataOutputStream(
                                    new BufferedOutputStream(
                                            Files.newOutputStream(tmp.resolve(PARAMETERS))))) {
                        block.saveParameters(out);
                    }
                    manifest.write(tmp.resolve(ModelManifest.FILE));
                    Checksums.write(tmp);
                    carrySubdirectories(dir, tmp);
                });
    }

    /**
     * Moves the sub-directories of an existing model directory (its {@code training/} run state)
     * into the new one; checksums cover the model's files only, so they stay valid.
     */
    private static void carrySubdirectories(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.list(from)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                Files.move(d, to.resolve(d.getFileName()));
            }
        }
    }

    /**
     * Verifies the checksums of {@code dir} and reads its manifest.
     *
     * @throws IOException with a one-line message naming the directory and the problem
     */
    public static ModelManifest read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a model directory");
        }
        Checksums.verify(dir);
        return ModelManifest.read(dir.resolve(ModelManifest.FILE));
    }

    /**
     * Loads the verified parameter file of {@code dir} into {@code block}, whose structure must
     * match the manifest's architecture. Call {@link #read} first.
     *
     * @throws MalformedModelException if the parameters do not fit the block
     */
    public static void loadParameters(Path dir, Block block, NDManager manager)
            throws IOException, MalformedModelException {
        Path file = dir.resolve(PARAMETERS);
        // The checksums were verified by read(): the file is what its writer wrote, so a stream
        // that
        // ends early, runs on, or holds another shape means model.json describes another network
        // (an edited architecture, e.g. a changed stage count), not a damaged file.
        String mismatch =
                file
                        + ": the architecture in "
                        + ModelManifest.FILE
                        + " does not match the parameters";
        long extra = 0;
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            block.loadParameters(manager, in);
            while (in.read() != -1) {
                extra++;
            }
        } catch (EOFException e) {
            throw new MalformedModelException(
                    mismatch + " (the file ends before the network's last parameter)", e);
        } catch (IllegalArgumentException | IllegalStateException | MalformedModelException e) {
            // MalformedModelException: DJL's own check of a block's version or shapes
            throw new MalformedModelException(mismatch + " (" + e.getMessage() + ")", e);
        }
        if (extra > 0) {
            throw new MalformedModelException(
                    mismatch + " (" + extra + " bytes left after the network's last parameter)");
        }
    }
}
