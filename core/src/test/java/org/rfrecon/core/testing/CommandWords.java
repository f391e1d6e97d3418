package org.rfrecon.core.testing;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The arguments of a command line written as one line, for tests: {@code words("infer --model {}
 * --out {}", model, out)} is {@code {"infer", "--model", model.toString(), "--out",
 * out.toString()}}. The line is split at spaces before the values go in, so a value may hold
 * spaces.
 */
public final class CommandWords {

    private CommandWords() {}

    /**
     * The words of {@code line}, each word {@code {}} replaced by the next value's text.
     *
     * @throws IllegalArgumentException if the number of {@code {}} words is not the number of
     *     values
     */
    public static String[] words(String line, Object... values) {
        List<String> words = Arrays.asList(line.trim().split(" +"));
        Iterator<Object> next = Arrays.asList(values).iterator();
        String[] out = new String[words.size()];
        for (int i = 0; i < out.length; i++) {
            String w = words.get(i);
            if (w.equals("{}")) {
                if (!next.hasNext()) {
                    throw new IllegalArgumentException("fewer values than {} in: " + line);
                }
                out[i] = String.valueOf(next.next());
            } else {
                out[i] = w;
            }
        }
        if (next.hasNext()) {
            throw new IllegalArgumentException("more values than {} in: " + line);
        }
        return out;
    }
}
