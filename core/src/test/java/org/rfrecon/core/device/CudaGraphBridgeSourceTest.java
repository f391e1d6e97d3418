package org.rfrecon.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Java side of the CUDA-graph bridge ({@code CudaGraph.Bridge}, bound through JNA) declares
 * exactly the C functions of {@code native/cuda-graphs/rfrecon_cuda_graphs.cpp}, each with the same
 * number of parameters. JNA binds a function only when it is first called, so a binding that
 * drifted from the library would otherwise fail on a GPU, mid-run; this checks it on any machine.
 */
class CudaGraphBridgeSourceTest {

    private static final Pattern C_FUNCTION =
            Pattern.compile(
                    "^(?:const char\\*|void\\*|void|int) (rf_cg_\\w+)\\(([^)]*)\\)",
                    Pattern.MULTILINE);

    @Test
    void theJavaBindingDeclaresEveryBridgeFunctionWithItsArity() throws IOException {
        Path source = Path.of("..", "native", "cuda-graphs", "rfrecon_cuda_graphs.cpp");
        assertTrue(Files.isRegularFile(source), source.toAbsolutePath().toString());
        Map<String, Integer> c = new TreeMap<>();
        Matcher m = C_FUNCTION.matcher(Files.readString(source));
        while (m.find()) {
            String params = m.group(2).trim();
            c.put(m.group(1), params.isEmpty() ? 0 : params.split(",").length);
        }
        assertTrue(c.size() >= 10, "too few bridge functions found: " + c);
        Map<String, Integer> java = new TreeMap<>();
        for (Method method : CudaGraph.Bridge.class.getDeclaredMethods()) {
            java.put(method.getName(), method.getParameterCount());
        }
        assertEquals(c, java);
    }
}
