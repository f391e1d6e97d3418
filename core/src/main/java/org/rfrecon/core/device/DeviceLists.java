package org.rfrecon.core.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves a device count ({@code N} or {@code all}) to a list of DJL devices of one kind: for
 * {@code gpu}, the first N CUDA GPUs DJL's engine sees ({@code all}: every one); for {@code cpu},
 * the one CPU (PyTorch has a single CPU device, so {@code all} is that one and any N above 1 is an
 * error). The first device of the list is the primary one: parameters, inputs and results live
 * there.
 */
public final class DeviceLists {

    private DeviceLists() {}

    /**
     * The devices of {@code kind} ({@code cpu} or {@code gpu}) that {@code count} ({@code N >= 1}
     * or {@code all}) selects.
     *
     * @throws IllegalArgumentException one line naming the count and what is visible, if {@code
     *     count} is malformed or asks for more devices than the engine sees
     */
    public static List<Device> resolve(String kind, String count) {
        List<Device> visible = visible(kind);
        String c = count.trim().toLowerCase(Locale.ROOT);
        if (c.equals("all")) {
            return visible;
        }
        int n;
        try {
            n = Integer.parseInt(c);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException(
                    "device count must be a positive integer or 'all', got '" + count + "'");
        }
        if (n > visible.size()) {
            throw new IllegalArgumentException(
                    "only "
                            + visible.size()
                            + " "
                            + kind.toLowerCase(Locale.ROOT)
                            + " device"
                            + (visible.size() == 1 ? " is" : "s are")
                            + " visible to DJL's engine, "
                            + n
                            + " asked for"
                            + (kind.equalsIgnoreCase("cpu")
                                    ? " (the CPU is one device; several GPUs need the gpu device kind)"
                                    : ""));
        }
        return List.copyOf(visible.subList(0, n));
    }

    /**
     * Every device of {@code kind}: the CPU alone, or all CUDA GPUs in index order.
     *
     * @throws IllegalArgumentException as {@link Devices#resolve} does (unknown kind, no GPU)
     */
    public static List<Device> visible(String kind) {
        Device first = Devices.resolve(kind);
        if (!first.isGpu()) {
            return List.of(first);
        }
        List<Device> all = new ArrayList<>();
        for (int i = 0; i < Engine.getInstance().getGpuCount(); i++) {
            all.add(Device.gpu(i));
        }
        return List.copyOf(all);
    }
}
