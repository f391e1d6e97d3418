package org.rfrecon.cli;

import ai.djl.Device;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rfrecon.core.device.DeviceLists;
import org.rfrecon.core.device.Devices;
import org.rfrecon.training.GraphedReconstructor;

/**
 * Where library refusals meet command-line flags. Library code names values, never options ("device
 * kind must be cpu or gpu, got 'tpu'"); the command line names the flag the value came from
 * ("--device tpu: device kind must be cpu or gpu, got 'tpu'").
 */
final class Flags {

    private Flags() {}

    /**
     * {@code parse.get()}, with an {@link IllegalArgumentException} turned into a one-line {@link
     * CliErrors.UserError} that starts with the flag and its value.
     */
    static <T> T value(String flag, Object value, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CliErrors.UserError(flag + " " + value + ": " + e.getMessage(), e);
        }
    }

    /** The device of {@code --device KIND}. */
    static Device device(String kind) {
        return value("--device", kind, () -> Devices.resolve(kind));
    }

    /** The devices of {@code --device KIND --devices COUNT}. */
    static List<Device> devices(String kind, String count) {
        value("--device", kind, () -> DeviceLists.visible(kind));
        return value("--devices", count, () -> DeviceLists.resolve(kind, count));
    }

    /**
     * Whether {@code --cuda-graphs VALUE} replays the steps of a run on {@code devices} as CUDA
     * graphs: {@code auto} where they can run ({@link GraphedReconstructor#unavailability}: one GPU
     * and the bridge library), {@code on} or else refused with the reason, {@code off} never.
     */
    static boolean cudaGraphs(String value, List<Device> devices) {
        return value(
                "--cuda-graphs",
                value,
                () -> {
                    if (!value.equals("auto") && !value.equals("on") && !value.equals("off")) {
                        throw new IllegalArgumentException("must be auto, on or off");
                    }
                    if (value.equals("off")) {
                        return false;
                    }
                    Optional<String> why = GraphedReconstructor.unavailability(devices);
                    if (value.equals("on") && why.isPresent()) {
                        throw new IllegalArgumentException(why.get());
                    }
                    return why.isEmpty();
                });
    }
}
