package org.rfrecon.cli.bench;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the native operations a piece of work issues, with PyTorch's own profiler (DJL's {@code
 * JniUtils.startProfile} / {@code stopProfile}, which writes a Chrome trace): every ATen operator
 * call that no other ATen call encloses is one dispatch from Java, i.e. one DJL call into PyTorch,
 * in-place ones ({@code add_}) and autograd's backward nodes included. A call is a <b>view</b> when
 * it and everything it calls only re-describes memory ({@code reshape} without a copy, {@code
 * transpose}, {@code select}, ...); every other call is a <b>kernel</b> (on a GPU, one or more
 * launches; on the CPU, one pass). What is not an ATen call (freeing a handle, reading a shape) is
 * not counted. The count does not depend on the machine or its load, which is why it is the measure
 * of host overhead used on this CPU for what costs time on a GPU (docs/benchmarks.md).
 */
public final class OpCounts {

    /** ATen calls that only re-describe memory (when nothing they call copies). */
    private static final Set<String> VIEWS =
            Set.of(
                    "aten::view",
                    "aten::reshape",
                    "aten::_reshape_alias",
                    "aten::_unsafe_view",
                    "aten::transpose",
                    "aten::permute",
                    "aten::select",
                    "aten::slice",
                    "aten::as_strided",
                    "aten::expand",
                    "aten::squeeze",
                    "aten::unsqueeze",
                    "aten::alias",
                    "aten::t",
                    "aten::view_as_real",
                    "aten::view_as_complex",
                    "aten::detach",
                    "aten::resolve_conj",
                    "aten::resolve_neg",
                    "aten::contiguous",
                    "aten::flatten",
                    "aten::unflatten",
                    "aten::narrow",
                    "aten::empty",
                    "aten::empty_strided",
                    "aten::lift_fresh");

    /** Work to count. */
    @FunctionalInterface
    public interface Work {
        /** Runs the work once. */
        void run() throws Exception;
    }

    /**
     * What a piece of work issued.
     *
     * @param kernels top-level ATen calls that compute or copy
     * @param views top-level ATen calls that only re-describe memory
     * @param byName top-level calls per ATen operator name
     */
    public record Count(int kernels, int views, Map<String, Integer> byName) {

        /** All top-level ATen calls: the DJL calls into PyTorch. */
        public int calls() {
            return kernels + views;
        }

        /** {@code this - other}, for the marginal cost of one more iteration. */
        public Count minus(Count other) {
            Map<String, Integer> m = new TreeMap<>(byName);
            other.byName.forEach((k, v) -> m.merge(k, -v, Integer::sum));
            m.values().removeIf(v -> v == 0);
            return new Count(kernels - other.kernels, views - other.views, m);
        }

        /** The count as JSON: {@code calls}, {@code kernels}, {@code views}, {@code by_name}. */
        public JsonObject toJson() {
            JsonObject o = new JsonObject();
            o.addProperty("calls", calls());
            o.addProperty("kernels", kernels);
            o.addProperty("views", views);
            JsonObject n = new JsonObject();
            byName.forEach(n::addProperty);
            o.add("by_name", n);
            return o;
        }
    }

    private OpCounts() {}

    /** Runs {@code work} once under the profiler and counts its top-level ATen calls. */
    public static Count of(Work work) throws Exception {
        Path trace = Files.createTempFile("rfrecon-ops", ".json");
        try {
            JniUtils.startProfile(false, false, false);
            try {
                work.run();
            } finally {
                JniUtils.stopProfile(trace.toString());
            }
            return parse(trace);
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    private record Event(String name, double start, double end, long tid) {}

    private static Count parse(Path trace) throws IOException {
        JsonElement root = JsonParser.parseString(Files.readString(trace, StandardCharsets.UTF_8));
        JsonArray all =
                root.isJsonArray()
                        ? root.getAsJsonArray()
                        : root.getAsJsonObject().getAsJsonArray("traceEvents");
        Map<Long, List<Event>> byThread = new HashMap<>();
        for (JsonElement el : all) {
            JsonObject e = el.getAsJsonObject();
            String name = e.has("name") ? e.get("name").getAsString() : "";
            if (!name.startsWith("aten::") || !e.has("dur")) {
                continue;
            }
            double ts = e.get("ts").getAsDouble();
            long tid = e.has("tid") ? e.get("tid").getAsLong() : 0;
            byThread.computeIfAbsent(tid, k -> new ArrayList<>())
                    .add(new Event(name, ts, ts + e.get("dur").getAsDouble(), tid));
        }
        int kernels = 0;
        int views = 0;
        Map<String, Integer> byName = new TreeMap<>();
        for (List<Event> events : byThread.values()) {
            events.sort(
                    Comparator.comparingDouble(Event::start)
                            .thenComparing(Comparator.comparingDouble(Event::end).reversed()));
            Deque<Event> open = new ArrayDeque<>();
            Event top = null;
            boolean topIsView = false;
            for (Event e : events) {
                while (!open.isEmpty() && open.peek().end <= e.start) {
                    open.pop();
                }
                if (open.isEmpty()) {
                    if (top != null) {
                        if (topIsView) {
                            views++;
                        } else {
                            kernels++;
                        }
                    }
                    top = e;
                    topIsView = VIEWS.contains(e.name);
                    byName.merge(e.name, 1, Integer::sum);
                } else if (!VIEWS.contains(e.name)) {
                    topIsView = false;
                }
                open.push(e);
            }
            if (top != null) {
                if (topIsView) {
                    views++;
                } else {
                    kernels++;
                }
            }
        }
        return new Count(kernels, views, byName);
    }
}
