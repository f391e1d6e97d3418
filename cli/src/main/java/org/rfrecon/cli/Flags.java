package org.rfrecon.cli;

import ai.djl.Device;
import java.util.List;
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

    /** The switch of {@code FLAG on|off}. */
    static boolean onOff(String flag, String value) {
        return value(
                flag,
                value,
                () -> {
                    if (value.equals("on") || value.equals("off")) {
                        return value.equals("on");
                    }
                    throw new IllegalArgumentException("must be on or off");
                });
    }

    /**
     * Refuses {@code --cuda-graphs on} where graphs cannot run ({@link
     * GraphedReconstructor#unavailability}).
     */
    static void cudaGraphsUsable(List<Device> devices) {
        value(
                "--cuda-graphs",
                "on",
                () -> {
                    GraphedReconstructor.unavailability(devices)
                            .ifPresent(
                                    why -> {
                                        throw new IllegalArgumentException(why);
                                    });
                    return null;
                });
    }
}
